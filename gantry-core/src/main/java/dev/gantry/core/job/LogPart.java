package dev.gantry.core.job;

import java.time.Instant;

/** A chunk of a task run's output, lines joined with '\n'; {@code number} orders a run's parts. */
public record LogPart(long id, String jobId, String runId, int number, String contents, Instant createdAt) {}
