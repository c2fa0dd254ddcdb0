package dev.gantry.core.job;

import java.time.Instant;

/**
 * When the first container of a task run started ({@code startedAt}) and, for a run stopped by a
 * cancel, when its worker (or the leftover sweeper) saw its containers gone ({@code stoppedAt},
 * null until then, and for runs that ended by themselves). A run without one has started no
 * container yet (its image is being pulled, its container created), or never did.
 */
public record RunContainer(String runId, String jobId, Instant startedAt, Instant stoppedAt) {

  /** Whether a container of this run may still be there: it started and nobody saw it gone since a cancel. */
  public boolean mayStillRun() {
    return stoppedAt == null;
  }
}
