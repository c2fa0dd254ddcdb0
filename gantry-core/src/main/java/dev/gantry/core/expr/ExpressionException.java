package dev.gantry.core.expr;

/**
 * An expression that cannot be parsed or evaluated. {@code column} is 1-based within the
 * expression (the text between {@code {{ }}}); the message names the expression, so that a task's
 * error says which of its templates failed.
 */
public class ExpressionException extends RuntimeException {

  private static final int QUOTED = 100;

  private final String reason;
  private final int column;
  private final String expression;

  /** {@code column} counts in {@code expression} as written; the message counts from its first non-blank character. */
  public ExpressionException(String reason, int column, String expression) {
    this(reason, expression, Math.max(1, column - leadingBlanks(expression)));
  }

  private ExpressionException(String reason, String expression, int column) {
    super(reason + " at column " + column + " of {{ " + shortened(expression) + " }}");
    this.reason = reason;
    this.column = column;
    this.expression = expression;
  }

  private static int leadingBlanks(String expression) {
    int i = 0;
    while (i < expression.length() && Character.isWhitespace(expression.charAt(i))) {
      i++;
    }
    return i;
  }

  public String reason() {
    return reason;
  }

  public int column() {
    return column;
  }

  public String expression() {
    return expression;
  }

  private static String shortened(String expression) {
    String trimmed = expression.strip();
    return trimmed.length() <= QUOTED ? trimmed : trimmed.substring(0, QUOTED) + "...";
  }
}
