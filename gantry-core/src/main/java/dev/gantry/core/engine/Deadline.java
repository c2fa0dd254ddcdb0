package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import dev.gantry.core.spec.TaskSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * When a task run must be stopped: at the end of the task's own timeout or of the job's, whichever
 * comes first. The job's timeout counts from the job's start, across all its tasks and the time
 * they waited in the queue, so a restarted process keeps the same deadline.
 */
record Deadline(Duration left, boolean isJobs, Duration jobTimeout) {

  static Deadline of(Job job, TaskSpec task, Instant now) {
    Duration jobTimeout = job.spec().timeout();
    Duration jobLeft = jobTimeout == null || job.startedAt() == null ? null
        : Duration.between(now, job.startedAt().plus(jobTimeout));
    if (jobLeft != null && (task.timeout() == null || jobLeft.compareTo(task.timeout()) <= 0)) {
      return new Deadline(jobLeft, true, jobTimeout);
    }
    return new Deadline(task.timeout(), false, jobTimeout);
  }

  /** This deadline {@code elapsed} later: what is left of it for a run taken over after a restart. */
  Deadline after(Duration elapsed) {
    return left == null || elapsed.isZero() ? this : new Deadline(left.minus(elapsed), isJobs, jobTimeout);
  }

  /** The job's deadline is already behind us. */
  boolean hasPassed() {
    return isJobs && (left.isZero() || left.isNegative());
  }

  /** The job's error when its deadline ends it (Hades' wording). */
  String reason() {
    return "job timed out after " + jobTimeout.toSeconds() + " seconds";
  }
}
