package dev.gantry.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokens recently found, by secret hash, so that a busy client costs no store lookup per
 * request. Bounded (least recently used go first) and short-lived: a token revoked by another
 * process stops working here within {@link #TTL}; one revoked here is forgotten at once.
 * Unknown hashes are never kept, so garbage credentials cannot push real ones out.
 */
final class TokenCache {

  static final Duration TTL = Duration.ofSeconds(5);
  static final int CAPACITY = 1024;

  private record Entry(ApiToken token, Instant loadedAt) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > CAPACITY;
    }
  };

  /** The token of {@code secretHash} if it was loaded less than {@link #TTL} before {@code now}; else null. */
  synchronized ApiToken get(String secretHash, Instant now) {
    Entry entry = entries.get(secretHash);
    if (entry == null || !now.isBefore(entry.loadedAt().plus(TTL))) {
      return null;
    }
    return entry.token();
  }

  synchronized void put(ApiToken token, Instant now) {
    entries.put(token.secretHash(), new Entry(token, now));
  }

  synchronized void forget(String tokenId) {
    entries.values().removeIf(entry -> entry.token().id().equals(tokenId));
  }

  synchronized int size() {
    return entries.size();
  }
}
