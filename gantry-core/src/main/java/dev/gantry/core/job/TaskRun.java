package dev.gantry.core.job;

import java.time.Instant;

/**
 * One attempt at running the task at {@code position} of a job. Retries, restarts and runs
 * re-queued after a lost worker are new TaskRuns; {@code attempt} counts them per position,
 * {@code retries} counts the task's own retry budget used, {@code lost} the worker losses.
 */
public record TaskRun(
    String id,
    String jobId,
    int position,
    int attempt,
    int retries,
    int lost,
    String name,
    String queue,
    RunState state,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    String nodeId,
    Instant leaseUntil,
    Integer exitCode,
    String result,
    String error) {

  public static TaskRun queued(
      String id, String jobId, int position, int attempt, int retries, int lost, String name,
      String queue, Instant now) {
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, RunState.QUEUED,
        now, null, null, null, null, null, null, null);
  }

  public TaskRun claimed(String node, Instant now, Instant lease) {
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, RunState.RUNNING,
        createdAt, now, null, node, lease, null, null, null);
  }

  public TaskRun finished(RunState end, Integer code, String output, String reason, Instant now) {
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, end, createdAt,
        startedAt, now, nodeId, null, code, output, reason);
  }

  public boolean isActive() {
    return !state.isTerminal();
  }
}
