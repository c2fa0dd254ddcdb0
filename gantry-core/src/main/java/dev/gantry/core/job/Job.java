package dev.gantry.core.job;

import dev.gantry.core.spec.JobSpec;
import java.time.Instant;

/**
 * A stored job: its validated spec plus where it stands. {@code position} is the 1-based index of
 * the task the job is at; {@code owner} the user who submitted it (null for jobs the process
 * submitted itself, and for those stored before jobs had owners). Per-job access builds on it.
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
    String owner) {

  /** A job without an owner. */
  public Job(String id, JobSpec spec, JobState state, Instant createdAt, Instant startedAt, Instant completedAt,
      Instant failedAt, int position, String result, String error) {
    this(id, spec, state, createdAt, startedAt, completedAt, failedAt, position, result, error, null);
  }

  public static Job queued(String id, JobSpec spec, Instant now) {
    return queued(id, null, spec, now);
  }

  public static Job queued(String id, String owner, JobSpec spec, Instant now) {
    return new Job(id, spec, JobState.QUEUED, now, null, null, null, 1, null, null, owner);
  }

  public String name() {
    return spec.name();
  }

  public int taskCount() {
    return spec.tasks().size();
  }

  public Job running(Instant now) {
    return new Job(id, spec, JobState.RUNNING, createdAt, startedAt == null ? now : startedAt,
        null, null, position, result, null, owner);
  }

  public Job atPosition(int newPosition) {
    return new Job(id, spec, state, createdAt, startedAt, completedAt, failedAt, newPosition, result, error, owner);
  }

  public Job succeeded(String taskResult, Instant now) {
    return new Job(id, spec, JobState.SUCCEEDED, createdAt, startedAt, now, null, position, taskResult, null, owner);
  }

  public Job failed(JobState endState, String reason, Instant now) {
    return new Job(id, spec, endState, createdAt, startedAt, null, now, position, result, reason, owner);
  }

  public Job cancelled(Instant now) {
    return new Job(id, spec, JobState.CANCELLED, createdAt, startedAt, null, null, position, result, error, owner);
  }

  public Job requeued() {
    return new Job(id, spec, JobState.QUEUED, createdAt, startedAt, null, null, position, null, null, owner);
  }
}
