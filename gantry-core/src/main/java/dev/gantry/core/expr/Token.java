package dev.gantry.core.expr;

/** One lexical token of an expression; {@code column} is 1-based. */
record Token(Kind kind, String text, Object value, int column) {

  enum Kind { NUMBER, STRING, NAME, OPERATOR, EOF }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean isOperator(String t) {
    return is(Kind.OPERATOR, t);
  }
}
