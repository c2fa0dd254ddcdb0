package dev.gantry.core.job;

/** The kinds of node that have rows of their own; a leaf's state is its latest run's. */
public enum NodeKind {
  /** The job itself: its row keeps the results of tasks by {@code var}. */
  ROOT,
  PARALLEL,
  EACH,
  /** A subjob task waiting for its sub-job; its row's {@code results} name the sub-job ({@code job}). */
  SUBJOB
}
