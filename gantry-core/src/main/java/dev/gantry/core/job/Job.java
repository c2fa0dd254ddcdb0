package dev.gantry.core.job;

import dev.gantry.core.spec.JobSpec;
import java.time.Instant;

/**
 * A stored job: its validated spec plus where it stands. {@code position} is the 1-based index of
 * the task the job is at; a SUCCEEDED job is past its last task ({@code taskCount + 1}), as in
 * Tork, whose clients read {@code (position - 1) / taskCount} as the share done. A job that ended
 * keeps when: {@code completedAt} (SUCCEEDED), {@code failedAt} (FAILED, TIMED_OUT) or
 * {@code cancelledAt} (CANCELLED). {@code scheduleId}: the scheduled job that started this one
 * (null for a job submitted directly). {@code owner}: the user who submitted it, or who created the
 * schedule that started it (null for jobs the process submitted itself, and for those stored before
 * jobs had owners). Per-job access builds on it. {@code reported}: what its running task last
 * reported of its progress (null: nothing yet; cleared when the job is restarted).
 */
public record Job(
    String id,
    JobSpec spec,
    JobState state,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Instant failedAt,
    int position,
    String result,
    String error,
    Instant cancelledAt,
    String scheduleId,
    String owner,
    JobParent parent,
    ReportedProgress reported) {

  /** A job whose tasks have reported no progress (or whose report is not read). */
  public Job(String id, JobSpec spec, JobState state, Instant createdAt, Instant startedAt, Instant completedAt,
      Instant failedAt, int position, String result, String error, Instant cancelledAt, String scheduleId,
      String owner, JobParent parent) {
    this(id, spec, state, createdAt, startedAt, completedAt, failedAt, position, result, error, cancelledAt, scheduleId,
        owner, parent, null);
  }

  /** A job that is not a sub-job. */
  public Job(String id, JobSpec spec, JobState state, Instant createdAt, Instant startedAt, Instant completedAt,
      Instant failedAt, int position, String result, String error, Instant cancelledAt, String scheduleId,
      String owner) {
    this(id, spec, state, createdAt, startedAt, completedAt, failedAt, position, result, error, cancelledAt, scheduleId,
        owner, null);
  }

  /** The job whose row a change of this one locks first: its tree's root (itself when it is no sub-job). */
  public String rootId() {
    return parent == null ? id : parent.rootId();
  }

  /** The job that started this one, null when it is no sub-job. */
  public String parentId() {
    return parent == null ? null : parent.jobId();
  }

  /** This job as the sub-job {@code of} started. */
  public Job under(JobParent of) {
    return new Job(id, spec, state, createdAt, startedAt, completedAt, failedAt, position, result, error, cancelledAt,
        scheduleId, owner, of, reported);
  }

  /** A job submitted directly by the process, that was not cancelled. */
  public Job(String id, JobSpec spec, JobState state, Instant createdAt, Instant startedAt, Instant completedAt,
      Instant failedAt, int position, String result, String error) {
    this(id, spec, state, createdAt, startedAt, completedAt, failedAt, position, result, error, null, null, null);
  }

  public static Job queued(String id, JobSpec spec, Instant now) {
    return queued(id, null, spec, now);
  }

  public static Job queued(String id, String owner, JobSpec spec, Instant now) {
    return queued(id, owner, spec, now, null);
  }

  /** A new job started by the scheduled job {@code scheduleId} (null: submitted directly). */
  public static Job queued(String id, String owner, JobSpec spec, Instant now, String scheduleId) {
    return new Job(id, spec, JobState.QUEUED, now, null, null, null, 1, null, null, null, scheduleId, owner, null);
  }

  /** A new job that waits for its start time, without runs yet (see {@link dev.gantry.core.spi.Store#dueStarts}). */
  public static Job scheduled(String id, String owner, JobSpec spec, Instant now) {
    return new Job(id, spec, JobState.SCHEDULED, now, null, null, null, 1, null, null, null, null, owner);
  }

  /** A new job that waits, without runs, until someone starts it ({@link JobState#HELD}). */
  public static Job held(String id, String owner, JobSpec spec, Instant now) {
    return new Job(id, spec, JobState.HELD, now, null, null, null, 1, null, null, null, null, owner);
  }

  public String name() {
    return spec.name();
  }

  public int taskCount() {
    return spec.tasks().size();
  }

  /**
   * The job's progress in percent as Tork computes it, to two decimals: the top-level tasks before
   * its position, plus the share its task at the position last reported ({@code $TORK_PROGRESS}),
   * over its task count; 100 once it completed.
   */
  public double progress() {
    double done = position - 1;
    if (reported != null && reported.position() == position && position <= taskCount()) {
      done += Math.max(0, Math.min(100, reported.percent())) / 100;
    }
    return Math.round(Math.min(1.0, done / taskCount()) * 10_000) / 100.0;
  }

  /** The job after its task at {@code position} reported {@code percent}. */
  public Job withReport(int atPosition, double percent) {
    return new Job(id, spec, state, createdAt, startedAt, completedAt, failedAt, position, result, error, cancelledAt,
        scheduleId, owner, parent, new ReportedProgress(atPosition, percent));
  }

  public Job running(Instant now) {
    return new Job(id, spec, JobState.RUNNING, createdAt, startedAt == null ? now : startedAt,
        null, null, position, result, null, null, scheduleId, owner, parent, reported);
  }

  public Job atPosition(int newPosition) {
    return new Job(id, spec, state, createdAt, startedAt, completedAt, failedAt, newPosition, result, error,
        cancelledAt, scheduleId, owner, parent, reported);
  }

  public Job succeeded(String taskResult, Instant now) {
    return new Job(id, spec, JobState.SUCCEEDED, createdAt, startedAt, now, null, taskCount() + 1, taskResult, null,
        null, scheduleId, owner, parent, reported);
  }

  public Job failed(JobState endState, String reason, Instant now) {
    return new Job(id, spec, endState, createdAt, startedAt, null, now, position, result, reason, null, scheduleId,
        owner, parent, reported);
  }

  public Job cancelled(Instant now) {
    return new Job(id, spec, JobState.CANCELLED, createdAt, startedAt, null, null, position, result, error, now,
        scheduleId, owner, parent, reported);
  }

  /** The job queued again (restarted): the task it stopped at starts over, so its last report no longer counts. */
  public Job requeued() {
    return new Job(id, spec, JobState.QUEUED, createdAt, startedAt, null, null, position, null, null, null, scheduleId,
        owner, parent, null);
  }
}
