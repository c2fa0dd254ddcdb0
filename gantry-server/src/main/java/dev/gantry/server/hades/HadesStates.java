package dev.gantry.server.hades;

import dev.gantry.core.job.JobState;

/** Gantry's job states under Hades' names: the API's (the Hades column of ARCHITECTURE.md's table) and its log manager's. */
final class HadesStates {

  private HadesStates() {}

  /** {@code GET /build/{id}/status}: the seed's names. */
  static String of(JobState state) {
    return switch (state) {
      case HELD, SCHEDULED, QUEUED -> "pending";
      case RUNNING -> "running";
      case SUCCEEDED -> "success";
      case FAILED, CANCELLED, TIMED_OUT -> "failed";
    };
  }

  /** {@code GET /jobs/{id}/status}: the log manager's names; a cancelled job is Stopped, a timed-out one Failed, as in Hades. */
  static String ofLogManager(JobState state) {
    return switch (state) {
      case HELD, SCHEDULED, QUEUED -> "Queued";
      case RUNNING -> "Running";
      case SUCCEEDED -> "Succeeded";
      case FAILED, TIMED_OUT -> "Failed";
      case CANCELLED -> "Stopped";
    };
  }
}
