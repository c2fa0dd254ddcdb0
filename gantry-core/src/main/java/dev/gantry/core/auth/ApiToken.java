package dev.gantry.core.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A stored API token: whose it is, what it allows and until when. The secret itself is never
 * stored, only {@code secretHash} ({@link TokenSecret#hash}). {@code expiresAt} and
 * {@code revokedAt} are null while they do not apply.
 */
public record ApiToken(String id, String user, String name, Set<Scope> scopes, Instant createdAt, Instant expiresAt,
    Instant revokedAt, String secretHash) {

  public ApiToken {
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
  }

  /** Whether the token authenticates at {@code now}: neither revoked nor expired. */
  public boolean isValidAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  public Principal principal() {
    return new Principal(user, scopes);
  }

  public ApiToken revoked(Instant at) {
    return new ApiToken(id, user, name, scopes, createdAt, expiresAt, at, secretHash);
  }
}
