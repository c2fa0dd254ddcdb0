package dev.gantry.core.spec;

import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;

/**
 * Gantry's states under Tork's names (the Tork column of ARCHITECTURE.md's table): what Tork's
 * API shows, and what a Tork job's webhook templates compare with.
 */
public final class TorkStateNames {

  private TorkStateNames() {}

  public static String of(JobState state) {
    return switch (state) {
      case HELD -> "PENDING";
      case SCHEDULED, QUEUED -> "SCHEDULED";
      case RUNNING -> "RUNNING";
      case SUCCEEDED -> "COMPLETED";
      case FAILED, TIMED_OUT -> "FAILED";
      case CANCELLED -> "CANCELLED";
    };
  }

  public static String of(RunState state) {
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
