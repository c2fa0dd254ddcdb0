package dev.gantry.core.auth;

/** No credential, or one that is not (or no longer) valid (HTTP 401). The message never holds the secret. */
public class UnauthenticatedException extends RuntimeException {

  public UnauthenticatedException(String message) {
    super(message);
  }
}
