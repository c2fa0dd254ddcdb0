package dev.gantry.server.daestro;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunContainer;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gantry's states under Daestro's names (the Daestro column of ARCHITECTURE.md's table), and three
 * of Daestro's own, from what the core records of a job's runs and their containers ({@link
 * RunContainer}): {@code starting} (RUNNING, its run claimed by a worker but no container of it
 * started yet: the image is being pulled, the container created), {@code cancelling} (CANCELLED,
 * but the container of a run the cancel stopped has not exited yet) and {@code error} (a job that
 * failed because Gantry could not run it at all: its container never started, a missing image, an
 * engine that does not answer; {@code system_note} explains).
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
      case "starting", "running" -> "running";
      case "completed" -> "succeeded";
      case "failed", "error" -> "failed";
      case "cancelling", "cancelled" -> "cancelled";
      case "timeout" -> "timed out";
      default -> null;
    };
  }

  /** The state of {@code job} whose runs are {@code runs}, their containers {@code containers}. */
  static String of(Job job, List<TaskRun> runs, List<RunContainer> containers) {
    if (notStarted(job, runs) != null) {
      return "error";
    }
    Set<String> started = new HashSet<>();
    Set<String> running = new HashSet<>();
    for (RunContainer container : containers) {
      started.add(container.runId());
      if (container.mayStillRun()) {
        running.add(container.runId());
      }
    }
    if (job.state() == JobState.RUNNING
        && runs.stream().anyMatch(r -> r.state() == RunState.RUNNING && !started.contains(r.id()))) {
      return "starting";
    }
    // A run the cancel ended while its container ran; a run that ended by itself keeps no stop time.
    if (job.state() == JobState.CANCELLED
        && runs.stream().anyMatch(r -> r.state() == RunState.CANCELLED && running.contains(r.id()))) {
      return "cancelling";
    }
    return of(job.state());
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
