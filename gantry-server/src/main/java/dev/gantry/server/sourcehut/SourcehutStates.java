package dev.gantry.server.sourcehut;

import dev.gantry.core.job.JobState;
import dev.gantry.core.job.StepState;

/** Core states in sourcehut's names (the table in ARCHITECTURE.md). */
final class SourcehutStates {

  private SourcehutStates() {}

  static String of(JobState state) {
    return switch (state) {
      case HELD -> "pending";
      case SCHEDULED, QUEUED -> "queued";
      case RUNNING -> "running";
      case SUCCEEDED -> "success";
      case FAILED -> "failed";
      case CANCELLED -> "cancelled";
      case TIMED_OUT -> "timeout";
    };
  }

  static String of(StepState state) {
    return switch (state) {
      case PENDING -> "pending";
      case RUNNING -> "running";
      case SUCCEEDED -> "success";
      case FAILED -> "failed";
      case SKIPPED -> "skipped";
    };
  }
}
