package dev.gantry.client;

/**
 * A call to Gantry that did not succeed: {@link #status()} is the HTTP status (0 when no answer
 * came) and {@link #apiMessage()} what the API said was wrong, e.g. {@code tasks[0].image: is required}.
 */
public class GantryException extends RuntimeException {

  private final int status;
  private final String apiMessage;
  private final boolean withToken;

  /** An answer with status {@code status} and the API's {@code apiMessage}. */
  public GantryException(int status, String apiMessage) {
    this(status, apiMessage, apiMessage + " (HTTP " + status + ")", null, false);
  }

  GantryException(int status, String apiMessage, String message, Throwable cause, boolean withToken) {
    super(message, cause);
    this.status = status;
    this.apiMessage = apiMessage;
    this.withToken = withToken;
  }

  GantryException(int status, String apiMessage, String message, Throwable cause) {
    this(status, apiMessage, message, cause, false);
  }

  /** Whether the call carried a token: a 401 then means the token was refused, not missing. */
  public boolean withToken() {
    return withToken;
  }

  /** The HTTP status of the answer; 0 when Gantry did not answer, or the answer could not be read. */
  public int status() {
    return status;
  }

  /** What the API's error body said (its {@code message}), or why there was no usable answer. */
  public String apiMessage() {
    return apiMessage;
  }

  /** The API refused the call for want of (valid) credentials: HTTP 401. */
  public boolean isUnauthenticated() {
    return status == 401;
  }

  /** What was asked for does not exist (or the caller may not see it): HTTP 404. */
  public boolean isNotFound() {
    return status == 404;
  }
}
