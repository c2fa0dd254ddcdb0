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
 * <p>What "no line lost or doubled" means here: the stop hands the running task back, so its
 * first attempt ends after the lines it printed and a second attempt prints them all again, from
 * the start. Both attempts' lines are stored, each once; a follower prints exactly what is stored,
 * each attempt under its own heading: nothing that was stored is missing, nothing appears twice.
 */
class FollowAcrossRestartIT {

  private static final int LINES = 20;
  private static final Duration DEADLINE = Duration.ofMinutes(3);

  @TempDir Path dataDir;
  @TempDir Path work;

  @Test
  void followersSurviveAServerRestartAndPrintExactlyTheStoredLog() throws Exception {
    Services.requireDocker();
    StandaloneProcess standalone = new StandaloneProcess(dataDir, "--shutdown-grace", "1s", "--lease", "3s");
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
      assertThat(runs).extracting(r -> r.path("attempt").asInt()).containsExactly(1, 2);
      assertThat(runs.get(0).path("error").asText()).isEqualTo("worker stopped before the task finished");

      // The stored log: attempt 1 from line 1 to where it was stopped, attempt 2 every line.
      List<String> first = storedLines(http, id, runs.get(0).path("id").asText());
      List<String> second = storedLines(http, id, runs.get(1).path("id").asText());
      assertThat(first.size()).isBetween(3, LINES - 1);
      assertThat(first).isEqualTo(numbered(first.size()));
      assertThat(second).isEqualTo(numbered(LINES));
      String stored = "[count]\n" + lines(first) + "[count, attempt 2]\n" + lines(second);

      assertThat(followed.exitCode()).as(followed.err()).isZero();
      assertThat(followed.out()).isEqualTo(stored);
      assertThat(CliProcess.run(work, DEADLINE, "logs", id, "--server", http.base()).out()).isEqualTo(stored);
      assertThat(followed.err()).contains("trying again until it answers");

      assertThat(submitted.exitCode()).as(submitted.err()).isZero();
      assertThat(submitted.out()).isEqualTo(id + "\n[count] RUNNING\n" + lines(first)
          + "[count] FAILED: worker stopped before the task finished\n[count, attempt 2] RUNNING\n" + lines(second)
          + "[count, attempt 2] COMPLETED\njob " + id + " COMPLETED\n");
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
