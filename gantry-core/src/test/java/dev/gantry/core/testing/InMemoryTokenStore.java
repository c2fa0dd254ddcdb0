package dev.gantry.core.testing;

import dev.gantry.core.auth.ApiToken;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.spi.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link TokenStore} in memory, for tests that need no database; one lock serialises everything. */
public final class InMemoryTokenStore implements TokenStore {

  private final Map<String, ApiToken> tokens = new LinkedHashMap<>();
  private final Set<String> users = new HashSet<>();

  @Override
  public synchronized void insertToken(ApiToken token) {
    if (tokens.containsKey(token.id()) || tokens.values().stream().anyMatch(t -> t.secretHash().equals(token.secretHash()))) {
      throw new IllegalStateException("duplicate token " + token.id());
    }
    users.add(token.user());
    tokens.put(token.id(), token);
  }

  @Override
  public synchronized Optional<ApiToken> findTokenByHash(String secretHash) {
    return tokens.values().stream().filter(t -> t.secretHash().equals(secretHash)).findFirst();
  }

  @Override
  public synchronized Optional<ApiToken> findToken(String id) {
    return Optional.ofNullable(tokens.get(id));
  }

  @Override
  public synchronized List<ApiToken> tokens(String user) {
    return new ArrayList<>(tokens.values().stream().filter(t -> user == null || t.user().equals(user))
        .sorted(Comparator.comparing(ApiToken::createdAt).thenComparing(ApiToken::id)).toList());
  }

  @Override
  public synchronized boolean revokeToken(String id, Instant at) {
    ApiToken token = tokens.get(id);
    if (token == null || token.revokedAt() != null) {
      return false;
    }
    tokens.put(id, token.revoked(at));
    return true;
  }

  @Override
  public synchronized boolean hasValidAdminToken(Instant now) {
    return tokens.values().stream().anyMatch(t -> t.scopes().contains(Scope.ADMIN) && t.isValidAt(now));
  }
}
