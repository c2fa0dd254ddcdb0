package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No engine needed: the runtime points at a socket that does not exist. */
class UnreachableEngineTest {

  private static final String HOST = "unix:///tmp/gantry-test-no-engine.sock";

  @Test
  void constructionSucceedsAndRunsFailWithAClearError() {
    try (DockerRuntime runtime = new DockerRuntime(DockerSettings.defaults().withDockerHost(HOST))) {
      assertThat(runtime.describe()).isEqualTo("docker (engine not answering) at " + HOST);

      TaskOutcome outcome = runtime.run(new TaskExecution("job", "run", "node", TestTask.script("true").build(), Map.of()),
          (stream, line) -> { }, new Cancellation());

      assertThat(outcome.exitCode()).isNull();
      assertThat(outcome.error()).startsWith("Docker engine unreachable at " + HOST + ": ").doesNotContain("\n");
    }
  }

  @Test
  void verifyThrowsWithTheHostAndTheReason() {
    try (DockerRuntime runtime = new DockerRuntime(DockerSettings.defaults().withDockerHost(HOST))) {
      assertThatThrownBy(runtime::verify).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Docker engine unreachable at " + HOST + ": ");
      assertThatThrownBy(runtime::resources).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Docker engine unreachable at " + HOST);
      runtime.removeWorkspace("job"); // logs, does not throw
    }
  }
}
