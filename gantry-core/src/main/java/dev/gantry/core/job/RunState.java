package dev.gantry.core.job;

/** The state of one attempt at running one task. */
public enum RunState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  TIMED_OUT,
  SKIPPED;

  public boolean isTerminal() {
    return this != QUEUED && this != RUNNING;
  }
}
