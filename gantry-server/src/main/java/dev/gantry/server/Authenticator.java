package dev.gantry.server;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.TokenService;

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
}
