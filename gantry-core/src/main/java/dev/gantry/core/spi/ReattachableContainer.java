package dev.gantry.core.spi;

import dev.gantry.core.job.LogPosition;

/**
 * A container of a task run that a worker of this node started and the runtime still holds
 * (running, or ended and not yet removed): what a restarted worker can take over instead of
 * running the task again. {@code step} is null for the run's main container ({@code pre-0},
 * {@code post-1} otherwise); {@code logStart} where its output begins in the run's log (null
 * when the container was made before this was recorded).
 */
public record ReattachableContainer(String jobId, String runId, String step, String containerId, LogPosition logStart) {}
