package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.docker.DockerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker engine stopped and started again while a task runs (on an engine of the test's own):
 * the process keeps going, the interrupted run ends with an error that says the engine went away,
 * and the task runs again as a new attempt, not from its retry budget (it has none), once the engine
 * answers again; the job completes and nothing of it is left in the engine.
 */
class DockerRestartIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @TempDir Path dataDir;

  @Test
  void aTaskInterruptedByAnEngineRestartRunsAgainAsANewAttemptAndTheJobCompletes() throws Exception {
    Services.requireDocker();
    try (PrivateDockerEngine engine = PrivateDockerEngine.start(); DockerRuntime docker = engine.runtime()) {
      StandaloneProcess gantry = new StandaloneProcess(dataDir, "--docker-host", engine.host(), "--pull-policy", "never");
      try {
        Http http = gantry.start(DEADLINE);
        String id = http.submit("""
            name: outlives an engine restart
            tasks:
              - {name: first, image: "busybox:latest", network: none, run: "echo -n kept > /shared/note"}
              - {name: long, image: "busybox:latest", network: none,
                 run: "echo attempt; sleep 5; cat /shared/note > $GANTRY_OUTPUT"}
            """);
        // The task has no retries: a new attempt can only come from the lost-runtime hand-back.
        await().atMost(DEADLINE).until(() -> RestartedTaskLog.of(http, id).contains("attempt"));

        engine.stop();
        JsonNode handedBack = await().atMost(DEADLINE).until(() -> http.job(id),
            j -> j.path("execution").size() >= 3 || StandaloneFixture.ENDED.contains(j.path("state").asText()));
        assertThat(handedBack.path("execution")).as("handed back as a new attempt: %s", handedBack).hasSize(3);
        engine.startEngine();

        JsonNode job = await().atMost(DEADLINE).until(() -> http.job(id), j -> StandaloneFixture.ENDED.contains(j.path("state").asText()));
        assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("result").asText()).as("the new attempt ran in the job's workspace").isEqualTo("kept");
        List<String> runs = new ArrayList<>();
        job.path("execution").forEach(r -> runs.add(r.path("name").asText() + " " + r.path("state").asText()));
        assertThat(runs).containsExactly("first COMPLETED", "long FAILED", "long COMPLETED");
        assertThat(job.path("execution").get(1).path("error").asText())
            .startsWith("the Docker engine at " + engine.host() + " stopped or restarted while the task ran")
            .endsWith("the task is run again as a new attempt");
        assertThat(Files.readString(gantry.log())).contains("taking tasks again");
        await().atMost(DEADLINE).until(() -> docker.resources().stream().noneMatch(r -> id.equals(r.jobId())));
      } finally {
        gantry.stop();
        Files.createDirectories(Path.of("target", "it-logs"));
        Files.copy(gantry.log(), Path.of("target", "it-logs", "DockerRestartIT-standalone.log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
