package dev.gantry.core.job;

import java.time.Instant;

/** A file a session run kept after all its steps succeeded: its path in the environment, name and size. */
public record Artifact(long id, String jobId, String runId, String path, String name, long size, Instant createdAt) {}
