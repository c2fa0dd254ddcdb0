package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The engine id is the engine's, not the process's: every runtime on one engine reads the same,
 * and the second engine of .ci/services (which reports the same {@code docker info} ID) another.
 */
class EngineIdentityIT {

  private static final String SECOND = System.getenv().getOrDefault("GANTRY_TEST_DOCKER2_HOST", "unix:///run/gantry-docker2.sock");

  @Test
  void runtimesOnOneEngineShareItsIdAndAnotherEngineHasItsOwn() {
    DockerEngine.skipIf(DockerEngine.unavailable(DockerEngine.client()));
    try (DockerRuntime one = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.NEVER));
        DockerRuntime again = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.NEVER));
        DockerRuntime other = new DockerRuntime(DockerSettings.defaults().withDockerHost(SECOND).withPullPolicy(PullPolicy.NEVER))) {
      assertThat(one.engineId()).matches("[0-9a-f-]{36}").isEqualTo(again.engineId()).isEqualTo(one.engineId());
      try {
        other.verify();
      } catch (IllegalStateException e) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail("CI needs a second Docker engine at " + SECOND + ": " + e.getMessage());
        }
        Assumptions.abort("skipped: needs a second Docker engine at " + SECOND);
      }
      assertThat(other.engineId()).matches("[0-9a-f-]{36}").isNotEqualTo(one.engineId());
      assertThat(DockerEngine.client().inspectVolumeCmd(EngineIdentity.VOLUME).exec().getLabels())
          .containsEntry(EngineIdentity.LABEL, one.engineId());
    }
  }
}
