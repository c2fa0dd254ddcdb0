package dev.gantry.bench;

/**
 * One line of the result table: Gantry's value, the baseline measured in the same run, their
 * ratio, and the target. {@code note} says what the baseline was or what was measured instead.
 */
record Row(String figure, String measure, double gantry, double baseline, String unit, String baselineName,
    Target target, String note) {

  Row {
    note = note == null ? "" : note;
  }

  /** Gantry / baseline: above 1 means Gantry is slower, bigger or later than the baseline. */
  double ratio() {
    return baseline == 0 ? Double.NaN : gantry / baseline;
  }

  Boolean met() {
    return target.met(gantry, ratio());
  }
}
