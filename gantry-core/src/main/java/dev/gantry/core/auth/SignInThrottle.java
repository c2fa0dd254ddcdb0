package dev.gantry.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed password sign-ins, counted per user name and per client address, so that guessing
 * passwords (or burning the server's CPU with PBKDF2, ~0.1 s a try) is refused before the hash:
 * after a key's free failures, each further attempt must wait twice as long as the one before
 * (1 s, 2 s, 4 s, ... at most 60 s) after the last failure; a key quiet for 15 minutes is forgotten.
 * An attempt counts as failed from when it starts until it succeeds, so concurrent guesses do
 * not all slip past the check. A success forgets its user's failures (not its address's: one
 * known password does not buy guesses at others). Each table holds at most 4,096 keys, the least
 * recently used dropped first, so attacker-chosen names cannot grow it.
 */
public final class SignInThrottle {

  /** The numbers for one kind of key. */
  public record Limit(int freeFailures, Duration firstWait, Duration longestWait, Duration forgetAfter, int capacity) {}

  /** A user name: 5 failures free, then 1 s doubling to 60 s. */
  public static final Limit PER_USER = new Limit(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15), 4096);
  /** A client address (many users may share one, behind NAT): 20 failures free, then 1 s doubling to 60 s. */
  public static final Limit PER_CLIENT = new Limit(20, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15),
      4096);

  private final Clock clock;
  private final Failures users;
  private final Failures clients;

  public SignInThrottle(Clock clock) {
    this(clock, PER_USER, PER_CLIENT);
  }

  public SignInThrottle(Clock clock, Limit perUser, Limit perClient) {
    this.clock = clock;
    this.users = new Failures(perUser);
    this.clients = new Failures(perClient);
  }

  /**
   * Admits an attempt to sign in as {@code user} from {@code client} (null: unknown), counted as
   * failed until {@link #succeeded}; SignInThrottledException when either must wait.
   */
  public synchronized void begin(String user, String client) {
    Instant now = clock.instant();
    Duration userWait = users.waitFor(user, now);
    Duration clientWait = client == null ? Duration.ZERO : clients.waitFor(client, now);
    if (!userWait.isZero() || !clientWait.isZero()) {
      boolean byUser = userWait.compareTo(clientWait) >= 0;
      Duration wait = byUser ? userWait : clientWait;
      throw new SignInThrottledException("too many failed sign-ins " + (byUser ? "for this user name" : "from this address")
          + ": try again in " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s", wait);
    }
    users.fail(user, now);
    if (client != null) {
      clients.fail(client, now);
    }
  }

  /** The attempt {@link #begin} admitted had the right password. */
  public synchronized void succeeded(String user, String client) {
    users.forget(user);
    if (client != null) {
      clients.undoOne(client);
    }
  }

  /** One table: the failures of each key, the least recently used dropped beyond the capacity. */
  private static final class Failures {

    private record Count(int failures, Instant last) {}

    private final Limit limit;
    private final Map<String, Count> byKey;

    Failures(Limit limit) {
      this.limit = limit;
      this.byKey = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Count> eldest) {
          return size() > limit.capacity();
        }
      };
    }

    Duration waitFor(String key, Instant now) {
      Count count = current(key, now);
      if (count == null || count.failures() < limit.freeFailures()) {
        return Duration.ZERO;
      }
      int doublings = Math.min(30, count.failures() - limit.freeFailures());
      Duration wait = limit.firstWait().multipliedBy(1L << doublings);
      if (wait.compareTo(limit.longestWait()) > 0) {
        wait = limit.longestWait();
      }
      Duration left = Duration.between(now, count.last().plus(wait));
      return left.isNegative() ? Duration.ZERO : left;
    }

    void fail(String key, Instant now) {
      Count count = current(key, now);
      byKey.put(key, new Count(count == null ? 1 : count.failures() + 1, now));
    }

    void forget(String key) {
      byKey.remove(key);
    }

    void undoOne(String key) {
      Count count = byKey.get(key);
      if (count != null) {
        if (count.failures() <= 1) {
          byKey.remove(key);
        } else {
          byKey.put(key, new Count(count.failures() - 1, count.last()));
        }
      }
    }

    /** The key's count, unless it has been quiet long enough to be forgotten. */
    private Count current(String key, Instant now) {
      Count count = byKey.get(key);
      if (count != null && now.isAfter(count.last().plus(limit.forgetAfter()))) {
        byKey.remove(key);
        return null;
      }
      return count;
    }
  }
}
