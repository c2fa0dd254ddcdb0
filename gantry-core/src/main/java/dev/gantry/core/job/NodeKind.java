package dev.gantry.core.job;

/** The kinds of node that have rows of their own; a leaf's state is its latest run's. */
public enum NodeKind {
  /** The job itself: its row keeps the results of tasks by {@code var}. */
  ROOT,
  PARALLEL,
  EACH
}
