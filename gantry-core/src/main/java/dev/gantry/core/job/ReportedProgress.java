package dev.gantry.core.job;

/**
 * What a running task of a job last wrote to its progress file ({@code $TORK_PROGRESS}, 0 to 100),
 * and the job's top-level {@code position} it was written at: the job's progress counts it until
 * the job moves past that task, as Tork's does.
 */
public record ReportedProgress(int position, double percent) {}
