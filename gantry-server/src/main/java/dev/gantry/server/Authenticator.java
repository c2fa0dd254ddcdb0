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
  Authenticator OFF = header -> Principal.SYSTEM;

  /** The caller of a request carrying {@code authorization} (null when absent); UnauthenticatedException otherwise. */
  Principal authenticate(String authorization);

  /** Authentication on: the header must carry a valid token of {@code tokens}. */
  static Authenticator tokens(TokenService tokens) {
    return header -> tokens.authenticate(Credential.secretOf(header));
  }

  /**
   * Authentication on: a valid token of {@code tokens} in any form, or Basic with a user's name
   * and password ({@code users}). A Basic password is tried as a token first (Hades sends its key
   * so); one of Gantry's own token form that is not valid is not hashed again as a password.
   */
  static Authenticator tokensAndPasswords(TokenService tokens, UserService users) {
    return header -> {
      Credential.Presented presented = Credential.of(header);
      if (presented.basicUser() == null || presented.basicUser().isEmpty() || presented.secret().startsWith(TokenSecret.PREFIX)) {
        return tokens.authenticate(presented.secret());
      }
      try {
        return tokens.authenticate(presented.secret());
      } catch (UnauthenticatedException notAToken) {
        try {
          return users.authenticate(presented.basicUser(), presented.secret());
        } catch (UnauthenticatedException wrong) {
          throw new UnauthenticatedException("the Basic credential is neither a valid token nor a user's name and password");
        }
      }
    };
  }
}
