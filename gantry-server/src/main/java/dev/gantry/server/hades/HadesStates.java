package dev.gantry.server.hades;

import dev.gantry.core.job.JobState;

/** Gantry's job states under Hades' names (the Hades column of ARCHITECTURE.md's table). */
final class HadesStates {

  private HadesStates() {}

  static String of(JobState state) {
    return switch (state) {
      case HELD, SCHEDULED, QUEUED -> "pending";
      case RUNNING -> "running";
      case SUCCEEDED -> "success";
      case FAILED, CANCELLED, TIMED_OUT -> "failed";
    };
  }
}
