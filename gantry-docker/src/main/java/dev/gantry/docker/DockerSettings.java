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
public record DockerSettings(String dockerHost, PullPolicy pullPolicy, long maxOutputBytes, String defaultNetwork, Duration pullTimeout) {

  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  public static final long DEFAULT_MAX_OUTPUT_BYTES = 64L * 1024 * 1024;
  public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(15);

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
  }

  /** DOCKER_HOST (or the local socket), pull if not present, 64 MiB of output, Docker's default network. */
  public static DockerSettings defaults() {
    String fromEnv = System.getenv("DOCKER_HOST");
    String host = fromEnv == null || fromEnv.isBlank() ? DEFAULT_HOST : fromEnv;
    return new DockerSettings(host, PullPolicy.IF_NOT_PRESENT, DEFAULT_MAX_OUTPUT_BYTES, null, DEFAULT_PULL_TIMEOUT);
  }

  public DockerSettings withDockerHost(String host) {
    return new DockerSettings(host, pullPolicy, maxOutputBytes, defaultNetwork, pullTimeout);
  }

  public DockerSettings withPullPolicy(PullPolicy policy) {
    return new DockerSettings(dockerHost, policy, maxOutputBytes, defaultNetwork, pullTimeout);
  }

  public DockerSettings withMaxOutputBytes(long bytes) {
    return new DockerSettings(dockerHost, pullPolicy, bytes, defaultNetwork, pullTimeout);
  }

  public DockerSettings withDefaultNetwork(String network) {
    return new DockerSettings(dockerHost, pullPolicy, maxOutputBytes, network, pullTimeout);
  }

  public DockerSettings withPullTimeout(Duration timeout) {
    return new DockerSettings(dockerHost, pullPolicy, maxOutputBytes, defaultNetwork, timeout);
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
