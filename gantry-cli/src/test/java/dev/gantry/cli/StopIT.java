package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a standalone process with a running task: it says what it waits for; a second stop hands the task back at once. */
class StopIT {

  @TempDir Path dataDir;

  @Test
  void aSecondStopHandsTheRunningTaskBackWithoutWaitingForTheGracePeriod() throws Exception {
    Services.requireDocker();
    // A grace period far beyond the deadlines below: only the second signal can end the wait in time.
    StandaloneProcess standalone = new StandaloneProcess(dataDir, "--shutdown-grace", "10m");
    try {
      Http http = standalone.start(GantryProcess.START_DEADLINE);
      String id = http.submit("name: sleeps\ntasks: [{name: sleeper, image: 'busybox:latest', network: none, run: 'sleep 600'}]\n");
      await().atMost(Duration.ofSeconds(60)).until(() -> http.job(id).path("state").asText().equals("RUNNING"));

      standalone.sigterm();
      await("the stop says what it waits for").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> Files.readString(standalone.log()).contains("stopping: waiting up to 10m for task 'sleeper' of job " + id
              + " to finish, then leaving it running for the next start of node ")
              && Files.readString(standalone.log()).contains("; stop again (Ctrl-C) to stop it and hand it back now"));
      assertThat(standalone.awaitExit(Duration.ofSeconds(1))).as("still waiting for the task").isFalse();

      standalone.sigterm();
      assertThat(standalone.awaitExit(Duration.ofSeconds(60))).as("stopped after the second signal").isTrue();
      assertThat(Files.readString(standalone.log())).contains("stopping now: stopping task 'sleeper' of job " + id);

      standalone.start(GantryProcess.START_DEADLINE);
      JsonNode job = http.job(id);
      JsonNode stopped = job.path("execution").get(0);
      assertThat(stopped.path("state").asText()).isEqualTo("FAILED");
      assertThat(stopped.path("error").asText()).isEqualTo("worker stopped before the task finished");
      assertThat(Instant.parse(stopped.path("failedAt").asText())).isAfter(Instant.parse(stopped.path("startedAt").asText()));
      JsonNode again = job.path("execution").get(1);
      assertThat(again.path("attempt").asInt()).isEqualTo(2);
      assertThat(Set.of("SCHEDULED", "RUNNING")).contains(again.path("state").asText());
      assertThat(http.put("/jobs/" + id + "/cancel").status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(60)).until(() -> http.job(id).path("state").asText().equals("CANCELLED"));
    } finally {
      standalone.stop();
    }
  }
}
