package dev.gantry.core.spec;

/** A submitted job is not valid; {@code field} is the path of the offending field, e.g. {@code tasks[1].image}. */
public class InvalidJobException extends RuntimeException {

  private final String field;

  public InvalidJobException(String field, String reason) {
    super(field == null || field.isEmpty() ? reason : field + ": " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
