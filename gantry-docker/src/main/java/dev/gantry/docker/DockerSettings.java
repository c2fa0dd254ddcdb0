package dev.gantry.docker;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * How the Docker runtime reaches the engine and runs tasks.
 *
 * @param dockerHost the engine's address, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}
 * @param pullPolicy when images are pulled
 * @param maxOutputBytes output kept per task run; later lines are dropped after one {@code [output truncated]} line
 * @param defaultNetwork the network mode of tasks that name none; null is Docker's default (bridge)
 * @param pullTimeout how long one image pull may take before the run fails
 */
public record DockerSettings(String dockerHost, PullPolicy pullPolicy, long maxOutputBytes, String defaultNetwork, Duration pullTimeout,
    Duration cancelGrace) {

  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  public static final long DEFAULT_MAX_OUTPUT_BYTES = 64L * 1024 * 1024;
  public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(15);
  /** The longest a stopped task may take to exit after SIGTERM before it is killed. */
  public static final Duration MAX_CANCEL_GRACE = Duration.ofMinutes(10);

  private static final Set<String> SCHEMES = Set.of("unix", "tcp", "npipe");

  public DockerSettings {
    if (dockerHost == null || dockerHost.isBlank()) {
      throw new IllegalArgumentException("docker host is empty: give e.g. " + DEFAULT_HOST + " or tcp://host:2376");
    }
    if (!SCHEMES.contains(scheme(dockerHost))) {
      throw new IllegalArgumentException("docker host '" + dockerHost + "' must start with unix://, tcp:// or npipe://");
    }
    if (pullPolicy == null) {
      throw new IllegalArgumentException("pull policy is required (always, if-not-present or never)");
    }
    if (maxOutputBytes < 1) {
      throw new IllegalArgumentException("max output bytes must be positive, not " + maxOutputBytes);
    }
    if (defaultNetwork != null && defaultNetwork.isBlank()) {
      defaultNetwork = null;
    }
    if (pullTimeout == null || pullTimeout.isNegative() || pullTimeout.isZero()) {
      throw new IllegalArgumentException("pull timeout must be positive, not " + pullTimeout);
    }
    cancelGrace = cancelGrace == null ? Duration.ZERO : cancelGrace;
    if (cancelGrace.isNegative() || cancelGrace.compareTo(MAX_CANCEL_GRACE) > 0) {
      throw new IllegalArgumentException("cancel grace must be between 0s and " + MAX_CANCEL_GRACE.toMinutes() + "m, not " + cancelGrace);
    }
  }

  /** Settings whose stopped tasks are killed at once (no cancel grace). */
  public DockerSettings(String dockerHost, PullPolicy pullPolicy, long maxOutputBytes, String defaultNetwork, Duration pullTimeout) {
    this(dockerHost, pullPolicy, maxOutputBytes, defaultNetwork, pullTimeout, Duration.ZERO);
  }

  /** DOCKER_HOST (or the local socket), pull if not present, 64 MiB of output, Docker's default network. */
  public static DockerSettings defaults() {
    String fromEnv = System.getenv("DOCKER_HOST");
    String host = fromEnv == null || fromEnv.isBlank() ? DEFAULT_HOST : fromEnv;
    return new DockerSettings(host, PullPolicy.IF_NOT_PRESENT, DEFAULT_MAX_OUTPUT_BYTES, null, DEFAULT_PULL_TIMEOUT);
  }

  public DockerSettings withDockerHost(String host) {
    return new DockerSettings(host, pullPolicy, maxOutputBytes, defaultNetwork, pullTimeout, cancelGrace);
  }

  public DockerSettings withPullPolicy(PullPolicy policy) {
    return new DockerSettings(dockerHost, policy, maxOutputBytes, defaultNetwork, pullTimeout, cancelGrace);
  }

  public DockerSettings withMaxOutputBytes(long bytes) {
    return new DockerSettings(dockerHost, pullPolicy, bytes, defaultNetwork, pullTimeout, cancelGrace);
  }

  public DockerSettings withDefaultNetwork(String network) {
    return new DockerSettings(dockerHost, pullPolicy, maxOutputBytes, network, pullTimeout, cancelGrace);
  }

  /**
   * Settings under which a task being stopped (cancelled, timed out, its worker stopping) gets
   * SIGTERM and {@code grace} to exit before SIGKILL; zero: SIGKILL at once.
   */
  public DockerSettings withCancelGrace(Duration grace) {
    return new DockerSettings(dockerHost, pullPolicy, maxOutputBytes, defaultNetwork, pullTimeout, grace);
  }

  public DockerSettings withPullTimeout(Duration timeout) {
    return new DockerSettings(dockerHost, pullPolicy, maxOutputBytes, defaultNetwork, timeout, cancelGrace);
  }

  private static String scheme(String host) {
    try {
      String scheme = URI.create(host).getScheme();
      return scheme == null ? "" : scheme;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
