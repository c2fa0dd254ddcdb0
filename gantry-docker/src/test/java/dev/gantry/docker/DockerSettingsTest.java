package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DockerSettingsTest {

  @Test
  void defaultsPullWhenMissingAndKeep64MiB() {
    DockerSettings defaults = DockerSettings.defaults();

    assertThat(defaults.pullPolicy()).isEqualTo(PullPolicy.IF_NOT_PRESENT);
    assertThat(defaults.maxOutputBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(defaults.defaultNetwork()).isNull();
    String env = System.getenv("DOCKER_HOST");
    assertThat(defaults.dockerHost()).isEqualTo(env == null || env.isBlank() ? "unix:///var/run/docker.sock" : env);
  }

  @Test
  void badValuesAreRefusedWithWhatToFix() {
    DockerSettings d = DockerSettings.defaults();
    assertThatThrownBy(() -> d.withDockerHost("/var/run/docker.sock")).hasMessageContaining("must start with unix://, tcp:// or npipe://");
    assertThatThrownBy(() -> d.withMaxOutputBytes(0)).hasMessageContaining("max output bytes must be positive");
    assertThatThrownBy(() -> d.withPullPolicy(null)).hasMessageContaining("pull policy is required");
    assertThatThrownBy(() -> d.withPullTimeout(Duration.ZERO)).hasMessageContaining("pull timeout must be positive");
  }

  @Test
  void aBlankDefaultNetworkMeansDockersDefault() {
    assertThat(DockerSettings.defaults().withDefaultNetwork(" ").defaultNetwork()).isNull();
  }

  @Test
  void pullPoliciesAreReadInTheUsualSpellings() {
    assertThat(PullPolicy.parse("always")).isEqualTo(PullPolicy.ALWAYS);
    assertThat(PullPolicy.parse("if-not-present")).isEqualTo(PullPolicy.IF_NOT_PRESENT);
    assertThat(PullPolicy.parse("IF_NOT_PRESENT")).isEqualTo(PullPolicy.IF_NOT_PRESENT);
    assertThat(PullPolicy.parse(" Never ")).isEqualTo(PullPolicy.NEVER);
    assertThatThrownBy(() -> PullPolicy.parse("sometimes")).hasMessageContaining("not one of always, if-not-present, never");
  }
}
