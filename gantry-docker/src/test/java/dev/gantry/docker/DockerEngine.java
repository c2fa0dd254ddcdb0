package dev.gantry.docker;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/** The real engine the ITs run against, and the check that skips them (or fails them on CI) without it. */
final class DockerEngine {

  private DockerEngine() {}

  /** A plain docker-java client, for tests to look at what the runtime left. */
  static DockerClient client() {
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(DockerSettings.defaults().dockerHost())
        .build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .connectionTimeout(Duration.ofSeconds(5))
        .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /**
   * Why the ITs cannot run here (no engine, no test image), or null when they can. Under CI=true
   * a missing engine fails at once: .ci/services should have started it.
   */
  static String unavailable(DockerClient client) {
    String problem = problem(client);
    if (problem != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(problem + " (CI=true, so .ci/services should have provided it)");
    }
    return problem == null ? null : problem + ": skipping Docker tests (run .ci/services to start the engine and build the image)";
  }

  /** Skips the calling test when {@code unavailable} is set. */
  static void skipIf(String unavailable) {
    Assumptions.assumeTrue(unavailable == null, unavailable);
  }

  private static String problem(DockerClient client) {
    String host = DockerSettings.defaults().dockerHost();
    try {
      client.pingCmd().exec();
    } catch (RuntimeException e) {
      return "no Docker engine answers at " + host + " (" + EngineErrors.reason(e) + ")";
    }
    try {
      client.inspectImageCmd(TestTask.IMAGE).exec();
    } catch (NotFoundException e) {
      return "the Docker engine at " + host + " has no " + TestTask.IMAGE + " image";
    }
    return null;
  }
}
