package dev.gantry.server.tork;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gantry.core.auth.ApiToken;
import dev.gantry.core.auth.IssuedToken;
import dev.gantry.core.auth.Scope;
import java.time.Instant;
import java.util.List;

/** A token as {@code /auth/tokens} shows it; {@code token} (the secret) only in the answer that made it. */
record TokenView(
    String id,
    String token,
    String user,
    String name,
    List<String> scopes,
    Instant createdAt,
    @JsonInclude(JsonInclude.Include.ALWAYS) Instant expiresAt,
    Instant revokedAt) {

  static TokenView issued(IssuedToken issued) {
    ApiToken t = issued.token();
    return new TokenView(t.id(), issued.secret(), t.user(), t.name(), names(t), t.createdAt(), t.expiresAt(), null);
  }

  static TokenView of(ApiToken t) {
    return new TokenView(t.id(), null, t.user(), t.name(), names(t), t.createdAt(), t.expiresAt(), t.revokedAt());
  }

  private static List<String> names(ApiToken t) {
    return t.scopes().stream().map(Scope::wireName).sorted().toList();
  }
}
