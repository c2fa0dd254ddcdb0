package dev.gantry.core.job;

import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobTree;
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
 * {@code progress} is what the task last reported while running (Tork's {@code TORK_PROGRESS},
 * 0 to 100); null when it reported none.
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
    int priority,
    NodePath path,
    String rootJobId,
    Double progress) {

  public TaskRun {
    path = path == null ? NodePath.top(position) : path;
  }

  /** A run that has reported no progress. */
  public TaskRun(String id, String jobId, int position, int attempt, int retries, int lost, String name, String queue,
      RunState state, Instant createdAt, Instant startedAt, Instant completedAt, String nodeId, Instant leaseUntil,
      Integer exitCode, String result, String error, TaskSpec task, int priority, NodePath path, String rootJobId) {
    this(id, jobId, position, attempt, retries, lost, name, queue, state, createdAt, startedAt, completedAt, nodeId,
        leaseUntil, exitCode, result, error, task, priority, path, rootJobId, null);
  }

  /** A run of a job that is not a sub-job: its job is its tree's root. */
  public TaskRun(String id, String jobId, int position, int attempt, int retries, int lost, String name, String queue,
      RunState state, Instant createdAt, Instant startedAt, Instant completedAt, String nodeId, Instant leaseUntil,
      Integer exitCode, String result, String error, TaskSpec task, int priority, NodePath path) {
    this(id, jobId, position, attempt, retries, lost, name, queue, state, createdAt, startedAt, completedAt, nodeId,
        leaseUntil, exitCode, result, error, task, priority, path, null);
  }

  /** A run of a top-level task of a job that is not a sub-job. */
  public TaskRun(String id, String jobId, int position, int attempt, int retries, int lost, String name, String queue,
      RunState state, Instant createdAt, Instant startedAt, Instant completedAt, String nodeId, Instant leaseUntil,
      Integer exitCode, String result, String error, TaskSpec task, int priority) {
    this(id, jobId, position, attempt, retries, lost, name, queue, state, createdAt, startedAt, completedAt, nodeId,
        leaseUntil, exitCode, result, error, task, priority, null, null);
  }

  /** The job whose row a transition of this run locks first: the root of its job's tree. */
  public String lockedJobId() {
    return rootJobId == null ? jobId : rootJobId;
  }

  /** This run as one of a sub-job whose tree's root is {@code rootId} (null or its own job: none). */
  public TaskRun inTree(String rootId) {
    String root = rootId == null || rootId.equals(jobId) ? null : rootId;
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, state, createdAt, startedAt,
        completedAt, nodeId, leaseUntil, exitCode, result, error, task, priority, path, root, progress);
  }

  /** A run of a top-level task, of the lowest priority, 0. */
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
    return queued(id, jobId, NodePath.top(position), attempt, retries, lost, task, name, queue, now);
  }

  /** A queued run of the leaf at {@code path}. */
  public static TaskRun queued(
      String id, String jobId, NodePath path, int attempt, int retries, int lost, TaskSpec task, String name,
      String queue, Instant now) {
    return new TaskRun(id, jobId, path.position(), attempt, retries, lost, name, queue, RunState.QUEUED,
        now, null, null, null, null, null, null, null, task, 0, path, null);
  }

  /** A run that ended where it was made: skipped by its {@code if}, or failed by a template. */
  public static TaskRun ended(String id, String jobId, int position, int attempt, TaskSpec task, String name,
      String queue, RunState end, String error, Instant now) {
    return ended(id, jobId, NodePath.top(position), attempt, task, name, queue, end, error, now);
  }

  /** {@link #ended(String, String, int, int, TaskSpec, String, String, RunState, String, Instant)} for the leaf at {@code path}. */
  public static TaskRun ended(String id, String jobId, NodePath path, int attempt, TaskSpec task, String name,
      String queue, RunState end, String error, Instant now) {
    return new TaskRun(id, jobId, path.position(), attempt, 0, 0, name, queue, end, now, null, now, null, null,
        null, null, error, task, 0, path, null);
  }

  /** The next attempt at this run's task, as evaluated for this one; {@code retries} and {@code lost} as given. */
  public TaskRun again(String newId, int newRetries, int newLost, Instant now) {
    return new TaskRun(newId, jobId, position, attempt + 1, newRetries, newLost, name, queue, RunState.QUEUED,
        now, null, null, null, null, null, null, null, task, priority, path, rootJobId);
  }

  public TaskRun claimed(String node, Instant now, Instant lease) {
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, RunState.RUNNING,
        createdAt, now, null, node, lease, null, null, null, task, priority, path, rootJobId);
  }

  public TaskRun finished(RunState end, Integer code, String output, String reason, Instant now) {
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, end, createdAt,
        startedAt, now, nodeId, null, code, output, reason, task, priority, path, rootJobId, progress);
  }

  /** This run with {@code newPriority} in its queue. */
  public TaskRun withPriority(int newPriority) {
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, state, createdAt, startedAt,
        completedAt, nodeId, leaseUntil, exitCode, result, error, task, newPriority, path, rootJobId, progress);
  }

  /** This run with the progress its task last reported (0 to 100). */
  public TaskRun withProgress(Double newProgress) {
    return new TaskRun(id, jobId, position, attempt, retries, lost, name, queue, state, createdAt, startedAt,
        completedAt, nodeId, leaseUntil, exitCode, result, error, task, priority, path, rootJobId, newProgress);
  }

  /** The task this run runs: as evaluated for it, or as {@code spec} wrote it. */
  public TaskSpec taskIn(JobSpec spec) {
    return task != null ? task : JobTree.at(spec, path);
  }

  public boolean isActive() {
    return !state.isTerminal();
  }
}
