package dev.gantry.core.spi;

/** A container or volume a runtime created for a job, found again by its labels. */
public record RuntimeResource(Kind kind, String id, String jobId, String runId) {

  public enum Kind { CONTAINER, WORKSPACE }
}
