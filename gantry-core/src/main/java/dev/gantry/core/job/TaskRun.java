package dev.gantry.core.job;

import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import java.time.Instant;

/**
 * One attempt at running the task at {@code position} of a job. Retries, restarts and runs
 * re-queued after a lost worker are new TaskRuns; {@code attempt} counts them per position,
 * {@code retries} counts the task's own retry budget used, {@code lost} the worker losses.
 * {@code task} is the task as it runs, its templates evaluated when it became runnable; null when
 * it runs as the job's spec wrote it (a job without templates stores nothing more per run).
 * {@code priority} orders the queued runs of one queue: the highest first, then the oldest (0 for
 * a job that set none; see {@link dev.gantry.core.spec.JobSpec#priority()}).
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
    String error,
    TaskSpec task,
    int priority) {

  /** A run of the lowest priority, 0. */
  public TaskRun(String id, String jobId, int position, int attempt, int retries, int lost, String name, String queue,
      RunState state, Instant createdAt, Instant startedAt, Instant completedAt, String nodeId, Instant leaseUntil,
      Integer exitCode, String result, String error, TaskSpec task) {
    this(id, jobId, position, attempt, retries, lost, name, queue, state, createdAt, startedAt, completedAt, nodeId,
        leaseUntil, exitCode, result, error, task, 0);
  }

  /** A run of the task as the job's spec wrote it. */
  public TaskRun(String id, String jobId, int position, int attempt, int retries, int lost, String name, String queue,
      RunState state, Instant createdAt, Instant startedAt, Instant completedAt, String nodeId, Instant leaseUntil,
      Integer exitCode, String result, String error) {
    this(id, jobId, position, attempt, retries, lost, name, queue, state, createdAt, startedAt, completedAt, nodeId,
        leaseUntil, exitCode, result, error, null);
  }

  public static TaskRun queued(
      String id, String jobId, int position, int attempt, int retries, int lost, String name,
      String queue, Instant now) {
    return queued(id, jobId, position, attempt, retries, lost, null, name, queue, now);
  }

  /** A queued run of {@code task} as evaluated (null: as the spec wrote it), named and queued as it says. */
  public static TaskRun queued(
      String id, String jobId, int position, int attempt, int retries, int lost, TaskSpec task, String name,
      String queue, Instant now) {
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, RunState.QUEUED,
        now, null, null, null, null, null, null, null, task);
  }

  /** A run that ended where it was made: skipped by its {@code if}, or failed by a template. */
  public static TaskRun ended(String id, String jobId, int position, int attempt, TaskSpec task, String name,
      String queue, RunState end, String error, Instant now) {
    return new TaskRun(id, jobId, position, attempt, 0, 0, name, queue, end, now, null, now, null, null,
        null, null, error, task);
  }

  public TaskRun claimed(String node, Instant now, Instant lease) {
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, RunState.RUNNING,
        createdAt, now, null, node, lease, null, null, null, task, priority);
  }

  public TaskRun finished(RunState end, Integer code, String output, String reason, Instant now) {
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, end, createdAt,
        startedAt, now, nodeId, null, code, output, reason, task, priority);
  }

  /** This run with {@code newPriority} in its queue. */
  public TaskRun withPriority(int newPriority) {
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, state, createdAt, startedAt,
        completedAt, nodeId, leaseUntil, exitCode, result, error, task, newPriority);
  }

  /** The task this run runs: as evaluated for it, or as {@code spec} wrote it. */
  public TaskSpec taskIn(JobSpec spec) {
    return task != null ? task : spec.task(position);
  }

  public boolean isActive() {
    return !state.isTerminal();
  }
}
