package dev.gantry.cli;

import dev.gantry.docker.PullPolicy;
import java.nio.file.Path;
import java.time.Duration;

/** Everything a Gantry process is configured with, validated once at start. */
record GantryConfig(
    String bind,
    int port,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int slots,
    String dockerHost,
    PullPolicy pullPolicy,
    long maxOutputBytes,
    long maxBodyBytes,
    Duration lease,
    Duration shutdownGrace) {

  GantryConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
    }
    if (slots < 1 || slots > 1024) {
      throw new IllegalArgumentException("--slots must be between 1 and 1024, got " + slots);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("--max-body must be at least 1k");
    }
  }

  boolean usesPostgres() {
    return dbUrl != null && !dbUrl.isBlank();
  }
}
