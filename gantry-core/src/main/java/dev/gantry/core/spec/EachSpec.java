package dev.gantry.core.spec;

/**
 * Tork's {@code each}: one copy of {@code task} per element of {@code list} (an expression,
 * evaluated when the each becomes runnable), with the element in scope of the copy's templates as
 * {@code var} ({@code item} when null: {@code item.index}, {@code item.value}). At most
 * {@code concurrency} copies run at once (null: all).
 */
public record EachSpec(String var, String list, TaskSpec task, Integer concurrency) {

  public static final String DEFAULT_VAR = "item";

  /** The name the element has in the copies' templates. */
  public String itemName() {
    return var == null ? DEFAULT_VAR : var;
  }
}
