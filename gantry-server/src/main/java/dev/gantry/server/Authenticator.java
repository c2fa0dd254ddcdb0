package dev.gantry.server;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.TokenSecret;
import dev.gantry.core.auth.TokenService;
import dev.gantry.core.auth.UnauthenticatedException;
import dev.gantry.core.auth.UserService;

/**
 * Who sent a request, from its {@code Authorization} header: the one place the HTTP layer
 * authenticates ({@link DialectRoutes} calls it before every route that is not open).
 */
@FunctionalInterface
public interface Authenticator {

  /** Authentication off (loopback only): every caller may do everything, as the process itself. */
  Authenticator OFF = (header, client) -> Principal.SYSTEM;

  /**
   * The caller of a request carrying {@code authorization} (null when absent) from the address
   * {@code client} (null: unknown); UnauthenticatedException otherwise, SignInThrottledException
   * when a password may not be tried now.
   */
  Principal authenticate(String authorization, String client);

  /** {@link #authenticate(String, String)} from an unknown address. */
  default Principal authenticate(String authorization) {
    return authenticate(authorization, null);
  }

  /** Authentication on: the header must carry a valid token of {@code tokens}. */
  static Authenticator tokens(TokenService tokens) {
    return (header, client) -> tokens.authenticate(Credential.secretOf(header));
  }

  /**
   * Authentication on: a valid token of {@code tokens} in any form, or Basic with a user's name
   * and password ({@code users}). A Basic password is tried as a token first (Hades sends its key
   * so); one of Gantry's own token form that is not valid is not hashed again as a password.
   * Tokens cost a SHA-256 and are never throttled; passwords go through {@code users}' throttle,
   * per user name and per {@code client} address, before their hash.
   */
  static Authenticator tokensAndPasswords(TokenService tokens, UserService users) {
    return (header, client) -> {
      Credential.Presented presented = Credential.of(header);
      if (presented.basicUser() == null || presented.basicUser().isEmpty() || presented.secret().startsWith(TokenSecret.PREFIX)) {
        return tokens.authenticate(presented.secret());
      }
      try {
        return tokens.authenticate(presented.secret());
      } catch (UnauthenticatedException notAToken) {
        try {
          return users.authenticate(presented.basicUser(), presented.secret(), client);
        } catch (UnauthenticatedException wrong) {
          throw new UnauthenticatedException("the Basic credential is neither a valid token nor a user's name and password");
        }
      }
    };
  }
}
