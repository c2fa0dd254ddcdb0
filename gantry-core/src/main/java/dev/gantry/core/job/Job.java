package dev.gantry.core.job;

import dev.gantry.core.spec.JobSpec;
import java.time.Instant;

/**
 * A stored job: its validated spec plus where it stands. {@code position} is the 1-based index of
 * the task the job is at.
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
    String error) {

  public static Job queued(String id, JobSpec spec, Instant now) {
    return new Job(id, spec, JobState.QUEUED, now, null, null, null, 1, null, null);
  }

  public String name() {
    return spec.name();
  }

  public int taskCount() {
    return spec.tasks().size();
  }

  public Job running(Instant now) {
    return new Job(id, spec, JobState.RUNNING, createdAt, startedAt == null ? now : startedAt,
        null, null, position, result, null);
  }

  public Job atPosition(int newPosition) {
    return new Job(id, spec, state, createdAt, startedAt, completedAt, failedAt, newPosition, result, error);
  }

  public Job succeeded(String taskResult, Instant now) {
    return new Job(id, spec, JobState.SUCCEEDED, createdAt, startedAt, now, null, position, taskResult, null);
  }

  public Job failed(JobState endState, String reason, Instant now) {
    return new Job(id, spec, endState, createdAt, startedAt, null, now, position, result, reason);
  }

  public Job cancelled(Instant now) {
    return new Job(id, spec, JobState.CANCELLED, createdAt, startedAt, null, null, position, result, error);
  }

  public Job requeued() {
    return new Job(id, spec, JobState.QUEUED, createdAt, startedAt, null, null, position, null, null);
  }
}
