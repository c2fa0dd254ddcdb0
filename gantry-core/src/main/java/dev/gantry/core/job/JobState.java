package dev.gantry.core.job;

/** The life-cycle state of a job; dialects map these names to their own. */
public enum JobState {
  HELD,
  SCHEDULED,
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  TIMED_OUT;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
  }

  /** Whether a cancel request applies: the job has not ended yet. */
  public boolean isCancellable() {
    return !isTerminal();
  }

  public boolean isRestartable() {
    return this == FAILED || this == CANCELLED || this == TIMED_OUT;
  }
}
