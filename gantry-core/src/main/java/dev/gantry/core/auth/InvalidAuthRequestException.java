package dev.gantry.core.auth;

/** A token request is not valid; {@code field} names the offending field, e.g. {@code scopes[1]} (HTTP 400). */
public class InvalidAuthRequestException extends RuntimeException {

  private final String field;

  public InvalidAuthRequestException(String field, String reason) {
    super(field == null || field.isEmpty() ? reason : field + ": " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
