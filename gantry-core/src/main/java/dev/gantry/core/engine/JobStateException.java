package dev.gantry.core.engine;

import dev.gantry.core.job.JobState;

/** An action that the job's current state does not allow (cancel an ended job, restart a running one). */
public class JobStateException extends RuntimeException {

  /** What was asked of the job. */
  public enum Action { CANCEL, RESTART, START }

  private final String jobId;
  private final JobState state;
  private final Action action;

  public JobStateException(String jobId, JobState state, Action action) {
    super("job " + jobId + " is " + state + " and can not be " + switch (action) {
      case CANCEL -> "cancelled";
      case RESTART -> "restarted";
      case START -> "started";
    });
    this.jobId = jobId;
    this.state = state;
    this.action = action;
  }

  public String jobId() {
    return jobId;
  }

  public JobState state() {
    return state;
  }

  public Action action() {
    return action;
  }
}
