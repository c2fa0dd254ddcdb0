package dev.gantry.bench;

/** A figure's goal from the issue: a bound on the ratio to the baseline, or on Gantry's absolute value. */
record Target(Kind kind, double bound) {

  enum Kind { RATIO_AT_MOST, RATIO_AT_LEAST, AT_MOST, AT_LEAST, NONE }

  static final Target NONE = new Target(Kind.NONE, Double.NaN);

  static Target ratioAtMost(double bound) {
    return new Target(Kind.RATIO_AT_MOST, bound);
  }

  static Target ratioAtLeast(double bound) {
    return new Target(Kind.RATIO_AT_LEAST, bound);
  }

  static Target atMost(double bound) {
    return new Target(Kind.AT_MOST, bound);
  }

  static Target atLeast(double bound) {
    return new Target(Kind.AT_LEAST, bound);
  }

  /** Whether the measured values meet the target; null when there is none. */
  Boolean met(double gantry, double ratio) {
    return switch (kind) {
      case RATIO_AT_MOST -> ratio <= bound;
      case RATIO_AT_LEAST -> ratio >= bound;
      case AT_MOST -> gantry < bound;
      case AT_LEAST -> gantry >= bound;
      case NONE -> null;
    };
  }

  String describe(String unit) {
    return switch (kind) {
      case RATIO_AT_MOST -> "ratio <= " + Report.number(bound);
      case RATIO_AT_LEAST -> "ratio >= " + Report.number(bound);
      case AT_MOST -> "< " + Report.number(bound) + " " + unit;
      case AT_LEAST -> ">= " + Report.number(bound) + " " + unit;
      case NONE -> "";
    };
  }
}
