package dev.gantry.server.daestro;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.TaskRun;
import java.util.List;

/**
 * Gantry's states under Daestro's names (the Daestro column of ARCHITECTURE.md's table), and
 * Daestro's {@code error}: a job that failed because Gantry could not run it at all (its container
 * never started: a missing image, an engine that does not answer), which {@code system_note} explains.
 */
final class DaestroStates {

  private DaestroStates() {}

  static String of(JobState state) {
    return switch (state) {
      case HELD -> "submitted";
      case SCHEDULED -> "pending";
      case QUEUED -> "runnable";
      case RUNNING -> "running";
      case SUCCEEDED -> "completed";
      case FAILED -> "failed";
      case CANCELLED -> "cancelled";
      case TIMED_OUT -> "timeout";
    };
  }

  /** The state of {@code job} whose runs are {@code runs}. */
  static String of(Job job, List<TaskRun> runs) {
    return notStarted(job, runs) != null ? "error" : of(job.state());
  }

  /** Why Gantry could not run the job, or null when it could (or it has not ended in failure). */
  static String notStarted(Job job, List<TaskRun> runs) {
    if (job.state() != JobState.FAILED || runs.isEmpty()) {
      return null;
    }
    TaskRun last = runs.get(runs.size() - 1);
    return last.exitCode() == null && last.startedAt() != null ? last.error() : null;
  }
}
