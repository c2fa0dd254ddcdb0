package dev.gantry.core.spec;

/**
 * Resource limits of a task container; null means unlimited. {@code memorySwapBytes} is memory
 * plus swap (Docker's meaning); {@code pids} caps the processes in the container.
 */
public record Limits(Double cpus, Long memoryBytes, Long memorySwapBytes, Long pids) {

  public static final Limits NONE = new Limits(null, null, null, null);
}
