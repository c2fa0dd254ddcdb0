package dev.gantry.core.spi;

/** A session could not be opened or used; the message says why, for the run's error. */
public class SessionFailure extends RuntimeException {

  public SessionFailure(String message) {
    super(message);
  }

  public SessionFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
