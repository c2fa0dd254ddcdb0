package dev.gantry.core.spec;

import java.time.Duration;

/**
 * Tork's readiness check of a sidecar: the task starts once {@code GET http://<sidecar>:<port><path>}
 * answers 200, and fails when {@code timeout} passes first.
 */
public record SidecarProbe(String path, int port, Duration timeout) {

  public static final String DEFAULT_PATH = "/";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  public SidecarProbe {
    path = path == null ? DEFAULT_PATH : path;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
  }
}
