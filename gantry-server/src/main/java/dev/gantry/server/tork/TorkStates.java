package dev.gantry.server.tork;

import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;

/** Gantry's states under Tork's names (the Tork column of ARCHITECTURE.md's table). */
final class TorkStates {

  private TorkStates() {}

  static String of(JobState state) {
    return switch (state) {
      case HELD -> "PENDING";
      case SCHEDULED, QUEUED -> "SCHEDULED";
      case RUNNING -> "RUNNING";
      case SUCCEEDED -> "COMPLETED";
      case FAILED, TIMED_OUT -> "FAILED";
      case CANCELLED -> "CANCELLED";
    };
  }

  static String of(RunState state) {
    return switch (state) {
      case QUEUED -> "SCHEDULED";
      case RUNNING -> "RUNNING";
      case SUCCEEDED -> "COMPLETED";
      case FAILED, TIMED_OUT -> "FAILED";
      case CANCELLED -> "CANCELLED";
      case SKIPPED -> "SKIPPED";
    };
  }
}
