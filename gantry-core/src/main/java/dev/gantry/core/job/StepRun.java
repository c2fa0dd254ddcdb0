package dev.gantry.core.job;

import java.time.Instant;

/**
 * Where one step of a session run stands. {@code index} is the step's 0-based place in the plan;
 * its output is kept as the log of {@link #logId()}, apart from the other steps'.
 */
public record StepRun(String runId, int index, String name, StepState state, Integer exitCode, Instant startedAt,
    Instant endedAt) {

  public static StepRun pending(String runId, int index, String name) {
    return new StepRun(runId, index, name, StepState.PENDING, null, null, null);
  }

  /** The id a step's log parts are stored under (in place of a run's id): the run's id and the step's index. */
  public static String logId(String runId, int index) {
    return runId + "." + index;
  }

  public String logId() {
    return logId(runId, index);
  }

  public StepRun running(Instant now) {
    return new StepRun(runId, index, name, StepState.RUNNING, null, now, null);
  }

  public StepRun ended(StepState end, Integer code, Instant now) {
    return new StepRun(runId, index, name, end, code, startedAt, now);
  }
}
