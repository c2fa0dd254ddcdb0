package dev.gantry.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.RuntimeSession;
import dev.gantry.core.spi.SessionFailure;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.docker.DockerRuntime;
import dev.gantry.docker.DockerSettings;
import dev.gantry.docker.PullPolicy;
import java.util.List;
import java.util.Map;

/**
 * The outside services these tests need. On a laptop without them a test is skipped with a
 * message that says what is missing; under CI (CI=true) it fails, since CI starts them.
 */
final class Services {

  static final String DOCKER_HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");

  /** The second Docker engine, standing for a second machine (started by .ci/services). */
  static final String DOCKER2_HOST = System.getenv().getOrDefault("GANTRY_TEST_DOCKER2_HOST", "unix:///run/gantry-docker2.sock");

  private Services() {}

  static void requireSecondDocker() {
    try (DockerRuntime runtime = new DockerRuntime(DockerSettings.defaults().withDockerHost(DOCKER2_HOST)
        .withPullPolicy(PullPolicy.NEVER))) {
      runtime.verify();
    } catch (RuntimeException e) {
      missing("a second Docker engine at " + DOCKER2_HOST + " (" + e.getMessage() + "); run `bash .ci/services` as root");
    }
  }

  static void requireDocker() {
    try (DockerRuntime runtime = docker()) {
      runtime.verify();
    } catch (RuntimeException e) {
      missing("a Docker engine at " + DOCKER_HOST + " (" + e.getMessage() + "); run `bash .ci/services` as root");
    }
  }

  /** Fails (CI) or skips unless the engine has {@code image}, asked by opening a session in it (never pulled). */
  static void requireImage(String image, String howToBuild) {
    TaskSpec task = new TaskSpec("probe", null, image, null, List.of(), List.of(), Map.of(), Map.of(), null, null, 0, null,
        "none", null);
    String job = "probe" + System.nanoTime();
    try (DockerRuntime runtime = docker();
        RuntimeSession session = runtime.openSession(new TaskExecution(job, job, "probe", task, Map.of()), new Cancellation())) {
      session.close();
      runtime.removeWorkspace(job);
    } catch (SessionFailure e) {
      missing("the image " + image + " (" + e.getMessage() + "); " + howToBuild);
    }
  }

  /** A runtime for inspecting what Gantry left in the engine; never pulls. */
  static DockerRuntime docker() {
    return new DockerRuntime(DockerSettings.defaults().withDockerHost(DOCKER_HOST).withPullPolicy(PullPolicy.NEVER));
  }

  /** Removes {@code image} from the engine (so that the next run must pull it); none there is fine. */
  static void removeImage(String image) {
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(DOCKER_HOST).build();
    try (DockerClient client = DockerClientImpl.getInstance(config,
        new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build())) {
      client.removeImageCmd(image).withForce(true).exec();
    } catch (NotFoundException notHere) {
      // as wanted
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void missing(String what) {
    if ("true".equals(System.getenv("CI"))) {
      fail("CI needs " + what);
    }
    assumeTrue(false, "skipped: needs " + what);
  }
}
