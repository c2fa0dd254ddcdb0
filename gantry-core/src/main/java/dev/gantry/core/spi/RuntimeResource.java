package dev.gantry.core.spi;

/**
 * A container, volume or network a runtime created for a job, found again by its labels. A
 * workspace belongs to its job ({@code runId} null); the others to one run.
 */
public record RuntimeResource(Kind kind, String id, String jobId, String runId) {

  /** A run's container (its task's or a sidecar), the job's workspace, a run's volume, a run's network. */
  public enum Kind { CONTAINER, WORKSPACE, VOLUME, NETWORK }
}
