package dev.gantry.core.expr;

/**
 * The budget of one evaluation: its steps and the sizes of what it makes. Every node evaluated is
 * a step; built-in functions that walk a list or string take a step per element, so no
 * expression runs or allocates beyond the limits.
 */
final class Evaluation {

  private final Limits limits;
  private final String source;
  private long steps;

  Evaluation(Limits limits, String source) {
    this.limits = limits;
    this.source = source;
  }

  void step(int column) {
    steps(1, column);
  }

  void steps(long count, int column) {
    steps += count;
    if (steps > limits.maxSteps()) {
      throw error("evaluation takes more than " + limits.maxSteps() + " steps", column);
    }
  }

  /** Refuses a string longer than the limit before it is made; making it costs a step per 64 characters. */
  void stringOf(long length, int column) {
    fitsString(length, column);
    steps(length / 64, column);
  }

  /** Refuses a string longer than the limit, for callers that charge their steps as they build it. */
  void fitsString(long length, int column) {
    if (length > limits.maxString()) {
      throw error("a string of " + length + " characters is more than the " + limits.maxString() + " allowed", column);
    }
  }

  /** Refuses a list longer than the limit before it is made; making it costs a step per item. */
  void listOf(long size, int column) {
    fitsList(size, column);
    steps(size, column);
  }

  /** Refuses a list longer than the limit, for callers that charge their steps as they build it. */
  void fitsList(long size, int column) {
    if (size > limits.maxItems()) {
      throw error("a list of " + size + " items is more than the " + limits.maxItems() + " allowed", column);
    }
  }

  ExpressionException error(String reason, int column) {
    return new ExpressionException(reason, column, source);
  }
}
