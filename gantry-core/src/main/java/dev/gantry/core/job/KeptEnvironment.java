package dev.gantry.core.job;

import java.time.Instant;

/** The environment (container) of job {@code jobId}'s session run {@code runId}, kept after the build until {@code until}, for a shell. */
public record KeptEnvironment(String jobId, String runId, Instant until) {}
