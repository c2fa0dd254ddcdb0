package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a job: the next start finishes the job and removes what was left. */
class CrashRecoveryIT {

  /**
   * The first attempt outlasts the kill however slow the machine (a fixed sleep of a few seconds could
   * end before it, and then no run was lost); the attempt after the restart finds its marker and ends at once.
   */
  private static final String LONG_ONCE = "if [ ! -f /shared/long.started ]; then touch /shared/long.started;"
      + " echo first attempt; sleep 300; fi; cat /shared/note > $GANTRY_OUTPUT";

  @TempDir Path dataDir;

  @Test
  void afterKillNineTheNextStartLeavesNoRunningJobAndNoOrphanContainer() throws Exception {
    Services.requireDocker();
    int port = freePort();
    Process process = startStandaloneProcess(port);
    String id;
    String acceptedJustBeforeTheKill;
    try {
      Http http = new Http(port);
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.get("/health").status() == 200);
      id = http.submit("""
          name: killed mid-task
          tasks:
            - {name: first, image: "busybox:latest", network: none, run: "echo -n survived > /shared/note"}
            - {name: long, image: "busybox:latest", network: none, run: "%s"}
          """.formatted(LONG_ONCE));
      await().atMost(Duration.ofSeconds(60)).until(() -> http.job(id).path("position").asInt() == 2
          && "RUNNING".equals(http.job(id).path("state").asText()));
      try (var docker = Services.docker()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> docker.resources().stream()
            .anyMatch(r -> id.equals(r.jobId()) && r.kind() == dev.gantry.core.spi.RuntimeResource.Kind.CONTAINER));
        await().atMost(Duration.ofSeconds(60)).until(() -> RestartedTaskLog.of(http, id).contains("first attempt"));
      }
      acceptedJustBeforeTheKill = http.submit("""
          name: accepted just before the kill
          tasks: [{name: t, image: "busybox:latest", network: none, run: "echo -n kept > $GANTRY_OUTPUT"}]
          """);
    } finally {
      process.destroyForcibly(); // SIGKILL: no shutdown hook runs
      process.waitFor();
    }

    // Started again as another node (its kept id gone, as on a new machine): this test is about runs lost
    // with their worker; StandaloneRestartIT has the restart that takes them over.
    java.nio.file.Files.deleteIfExists(dataDir.resolve(NodeIdentity.FILE));
    try (StandaloneFixture gantry = new StandaloneFixture(dataDir)) {
      JsonNode job = gantry.awaitEnd(id);
      assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(job.path("result").asText()).isEqualTo("survived");
      List<String> states = job.findValuesAsText("state");
      assertThat(states).doesNotContain("RUNNING", "SCHEDULED");
      JsonNode lost = job.path("execution").get(1);
      assertThat(lost.path("error").asText()).isEqualTo("worker lost");
      gantry.awaitNoLeftovers(id);
      JsonNode accepted = gantry.awaitEnd(acceptedJustBeforeTheKill);
      assertThat(accepted.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(accepted.path("result").asText()).isEqualTo("kept");
    }
  }

  private Process startStandaloneProcess(int port) throws IOException {
    return new ProcessBuilder(GantryCommand.of(List.of(),
        List.of("standalone", "--port", Integer.toString(port), "--data-dir", dataDir.toString(), "--lease", "3s")))
        .redirectErrorStream(true)
        .redirectOutput(new File(dataDir.toFile(), "standalone.log"))
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
