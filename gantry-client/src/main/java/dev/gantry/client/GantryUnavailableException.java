package dev.gantry.client;

/**
 * Gantry did not answer (connection refused, reset) or answered that it cannot serve now (5xx):
 * it may be restarting, so a caller may try again later. {@link #status()} is 0 without an answer.
 */
public final class GantryUnavailableException extends GantryException {

  GantryUnavailableException(int status, String apiMessage, String message, Throwable cause) {
    super(status, apiMessage, message, cause);
  }

  /** Whether no connection could be made at all (nothing listens there): a wrong address, or Gantry is down. */
  public boolean isUnreachable() {
    return getCause() instanceof java.net.ConnectException;
  }
}
