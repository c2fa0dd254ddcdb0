package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs outlive the process: a stopped Gantry picks up where it was when started again. */
class RestartIT {

  @TempDir Path dataDir;

  @Test
  void jobsSurviveAServerRestart() {
    Services.requireDocker();
    try (StandaloneFixture gantry = new StandaloneFixture(dataDir)) {
      String done = gantry.http().submit("""
          name: before the restart
          tasks:
            - {name: quick, image: "busybox:latest", network: none, run: "echo -n kept > $GANTRY_OUTPUT"}
          """);
      gantry.awaitEnd(done);
      String interrupted = gantry.http().submit("""
          name: interrupted by the restart
          tasks:
            - {name: first, image: "busybox:latest", network: none, run: "echo -n one > /shared/one"}
            - {name: slow, image: "busybox:latest", network: none, run: "sleep 8; cat /shared/one > $GANTRY_OUTPUT"}
          """);
      gantry.awaitState(interrupted, Set.of("RUNNING"));
      gantry.awaitNoLeftovers(done);

      gantry.restart(); // the stop waits its grace period, then hands the sleeping task back

      JsonNode kept = gantry.http().job(done);
      assertThat(kept.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(kept.path("result").asText()).isEqualTo("kept");
      JsonNode resumed = gantry.awaitEnd(interrupted);
      assertThat(resumed.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(resumed.path("result").asText()).isEqualTo("one");
    }
  }
}
