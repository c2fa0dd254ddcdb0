package dev.gantry.server;

/**
 * A request the server will not process, found while reading it (body too large, wrong content
 * type, bad query parameter), with the HTTP status it calls for. Dialects render it in their format.
 */
public class RequestRejectedException extends RuntimeException {

  private final int status;

  public RequestRejectedException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
