package dev.gantry.core.job;

/** The state of one step of a session run. */
public enum StepState {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED
}
