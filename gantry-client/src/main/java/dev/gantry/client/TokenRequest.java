package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A token to make: for {@code user} (null: the caller; another user's needs admin), named
 * {@code name}, with {@code scopes} ({@code jobs:read}, {@code jobs:write}, {@code admin}) and an
 * optional lifetime such as {@code 30d}, {@code 12h} (null: until revoked).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenRequest(String user, String name, List<String> scopes, String expiresIn) {

  public TokenRequest {
    Objects.requireNonNull(name, "name");
    scopes = List.copyOf(scopes);
  }

  /** A token of the caller's own that does not expire. */
  public static TokenRequest of(String name, String... scopes) {
    return new TokenRequest(null, name, List.of(scopes), null);
  }
}
