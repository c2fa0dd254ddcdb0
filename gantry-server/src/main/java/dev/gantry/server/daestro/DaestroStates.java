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

  /**
   * The words of the core state a Daestro state is shown for, as a job search takes them
   * ({@code error} is a FAILED job); null for a name that is no Daestro state.
   */
  static String searchWords(String daestroState) {
    return switch (daestroState) {
      case "submitted" -> "held";
      case "pending" -> "scheduled";
      case "runnable" -> "queued";
      case "running" -> "running";
      case "completed" -> "succeeded";
      case "failed", "error" -> "failed";
      case "cancelled" -> "cancelled";
      case "timeout" -> "timed out";
      default -> null;
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
