package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit --follow} and {@code logs -f}, each its own process, keep following a job while
 * the standalone server is stopped and started again on the same port and data.
 *
 * <p>What "no line lost or doubled" means here: the stop leaves the running task's container
 * running (the standalone keeps its node id in its data dir), and the restarted process takes it
 * over within the lease and follows it to its end: one attempt, every line stored once, and a
 * follower prints exactly what is stored: nothing that was stored is missing, nothing appears
 * twice. (A stop that hands the task back, so that a second attempt prints the lines again, is
 * StopIT's and LostWorkerIT's.)
 */
class FollowAcrossRestartIT {

  private static final int LINES = 20;
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  @TempDir Path dataDir;
  @TempDir Path work;

  @Test
  void followersSurviveAServerRestartAndPrintExactlyTheStoredLog() throws Exception {
    Services.requireDocker();
    StandaloneProcess standalone = new StandaloneProcess(dataDir, "--shutdown-grace", "1s", "--lease", "60s");
    try {
      Http http = standalone.start(GantryProcess.START_DEADLINE);
      Path job = Files.writeString(work.resolve("count.yaml"), """
          name: counts slowly
          tasks:
            - name: count
              image: busybox:latest
              network: none
              run: for i in $(seq 1 %d); do echo "line $i"; sleep 0.5; done
          """.formatted(LINES));
      CliProcess submit = CliProcess.start(work, "submit", job.toString(), "--follow", "--server", http.base());
      String id = await("the job id").atMost(DEADLINE).until(() -> submit.outSoFar().lines().findFirst().orElse(""), s -> !s.isEmpty());
      CliProcess logs = CliProcess.start(work, "logs", id, "-f", "--server", http.base());
      await("both followers printing").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
          .until(() -> submit.outSoFar().contains("line 3\n") && logs.outSoFar().contains("line 3\n"));

      standalone.stop();
      standalone.start(GantryProcess.START_DEADLINE);

      Result followed = logs.await(DEADLINE);
      Result submitted = submit.await(DEADLINE);
      JsonNode ended = http.job(id);
      assertThat(ended.path("state").asText()).isEqualTo("COMPLETED");
      List<JsonNode> runs = new ArrayList<>();
      ended.path("execution").forEach(runs::add);
      assertThat(runs).as("taken over, not run again").extracting(r -> r.path("attempt").asInt()).containsExactly(1);
      List<String> stored = storedLines(http, id, runs.get(0).path("id").asText());
      assertThat(stored).isEqualTo(numbered(LINES));
      String printed = "[count]\n" + lines(stored);

      assertThat(followed.exitCode()).as(followed.err()).isZero();
      assertThat(followed.out()).isEqualTo(printed);
      assertThat(CliProcess.run(work, DEADLINE, "logs", id, "--server", http.base()).out()).isEqualTo(printed);
      assertThat(followed.err()).contains("trying again until it answers");

      assertThat(submitted.exitCode()).as(submitted.err()).isZero();
      assertThat(submitted.out()).isEqualTo(id + "\n[count] RUNNING\n" + lines(stored)
          + "[count] COMPLETED\njob " + id + " COMPLETED\n");
    } finally {
      standalone.stop();
    }
  }

  private static List<String> numbered(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "line " + i).toList();
  }

  private static String lines(List<String> lines) {
    return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
  }

  /** What the server stored of one task run's output, in order. */
  private static List<String> storedLines(Http http, String jobId, String runId) {
    List<JsonNode> parts = new ArrayList<>();
    http.get("/jobs/" + jobId + "/log?size=100").body().path("items").forEach(parts::add);
    StringBuilder text = new StringBuilder();
    for (int i = parts.size() - 1; i >= 0; i--) {
      if (parts.get(i).path("taskId").asText().equals(runId)) {
        text.append(parts.get(i).path("contents").asText());
      }
    }
    return text.toString().lines().toList();
  }
}
