package dev.gantry.core.expr;

/**
 * What one expression may cost, so that a hostile template cannot hold a worker or a submit for
 * long or fill its memory: its length, how deeply it nests, how many steps its evaluation takes,
 * and how large a string or list it may make. Far above what a real job's templates need.
 */
record Limits(int maxLength, int maxDepth, long maxSteps, int maxString, int maxItems) {

  static final Limits STANDARD = new Limits(4096, 64, 100_000, 1 << 20, 10_000);
}
