package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 while a parallel runs: the next start loses no accepted job and runs no task to its end twice. */
class ParallelCrashIT {

  @TempDir Path dataDir;

  /** A task that, the first time, marks that it started and then waits to be killed; run again, it finishes. */
  private static String slow(String name) {
    return "{name: " + name + ", image: \"busybox:latest\", network: none, run: \"if [ ! -f /shared/" + name
        + ".started ]; then touch /shared/" + name + ".started; sleep 60; fi; echo " + name + " >> /shared/ran\"}";
  }

  @Test
  void afterKillNineInTheMiddleOfAParallelEveryTaskEndsOnceAndTheJobCompletes() throws Exception {
    Services.requireDocker();
    int port = freePort();
    Process process = startStandaloneProcess(port);
    String id;
    String acceptedJustBeforeTheKill;
    try {
      Http http = new Http(port);
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.get("/health").status() == 200);
      id = http.submit("""
          name: killed mid-parallel
          tasks:
            - name: fan out
              parallel:
                tasks:
                  - {name: quick, image: "busybox:latest", network: none, run: "echo quick >> /shared/ran"}
                  - %s
                  - %s
            - {name: after, image: "busybox:latest", network: none, run: "sort /shared/ran | tr '\\\\n' ' ' > $TORK_OUTPUT"}
          """.formatted(slow("slow1"), slow("slow2")));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        List<String> states = states(http.job(id));
        return states.equals(List.of("quick COMPLETED", "slow1 RUNNING", "slow2 RUNNING"));
      });
      try (var docker = Services.docker()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> docker.resources().stream()
            .filter(r -> id.equals(r.jobId()) && r.kind() == dev.gantry.core.spi.RuntimeResource.Kind.CONTAINER)
            .count() == 2);
      }
      acceptedJustBeforeTheKill = http.submit("""
          name: accepted just before the kill
          output: "{{ tasks.u }}"
          tasks: [{name: t, parallel: {tasks: [{name: u, var: u, image: "busybox:latest", network: none, run: "echo -n kept > $TORK_OUTPUT"}]}}]
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
      assertThat(job.path("result").asText()).as("every task ran to its end once").isEqualTo("quick slow1 slow2 ");
      assertThat(states(job)).containsExactly("quick COMPLETED", "slow1 FAILED", "slow1 COMPLETED", "slow2 FAILED",
          "slow2 COMPLETED", "after COMPLETED");
      for (JsonNode run : job.path("execution")) {
        if (run.path("state").asText().equals("FAILED")) {
          assertThat(run.path("error").asText()).isEqualTo("worker lost");
        }
      }
      gantry.awaitNoLeftovers(id);
      JsonNode accepted = gantry.awaitEnd(acceptedJustBeforeTheKill);
      assertThat(accepted.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(accepted.path("result").asText()).isEqualTo("kept");
    }
  }

  private static List<String> states(JsonNode job) {
    List<String> out = new ArrayList<>();
    job.path("execution").forEach(r -> out.add(r.path("name").asText() + " " + r.path("state").asText()));
    return out;
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
