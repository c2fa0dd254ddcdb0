package dev.gantry.core.spi;

import dev.gantry.core.auth.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where users and their API tokens are kept. Tokens are found by the hash of their secret, never by the secret. */
public interface TokenStore {

  /** Stores the token, and its user unless the store knows that user already; in one transaction. */
  void insertToken(ApiToken token);

  /** The token whose secret hashes to {@code secretHash}, revoked and expired ones included. */
  Optional<ApiToken> findTokenByHash(String secretHash);

  Optional<ApiToken> findToken(String id);

  /** The tokens of {@code user} (null: of every user), revoked and expired ones included, oldest first. */
  List<ApiToken> tokens(String user);

  /** Marks the token revoked at {@code at}; false when there is no such token or it was revoked already. */
  boolean revokeToken(String id, Instant at);

  /** Whether some admin token is valid at {@code now}: whether a first admin token is still to be made. */
  boolean hasValidAdminToken(Instant now);
}
