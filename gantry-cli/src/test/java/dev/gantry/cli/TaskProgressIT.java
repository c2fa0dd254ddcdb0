package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.server.CallbackReceiver;
import dev.gantry.server.CallbackReceiver.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tork's $TORK_PROGRESS, as the README's example writes it: a real standalone Gantry (H2 on disk,
 * the real engine) reads the file while the task runs, shows each value as the task's
 * {@code progress} over HTTP, and calls a task.Progress webhook on this machine for each.
 */
class TaskProgressIT {

  static final String README_PROGRESS_JOB = """
      name: reporting
      tasks:
        - name: long
          image: busybox:latest
          network: none
          run: echo 40 > $TORK_PROGRESS; sleep 3; echo 80 > $TORK_PROGRESS; sleep 3
      webhooks:
        - url: %s
          event: task.Progress
          headers: {X-Progress: "{{ task.name }} at {{ task.progress }}"}
      """;

  @TempDir static Path dataDir;
  static Gantry gantry;
  static Http http;

  /** A standalone whose calls may reach this machine (the receiver), as one without auth on loopback may. */
  @BeforeAll
  static void start() {
    Services.requireDocker();
    GantryConfig config = StandaloneFixture.config(dataDir);
    GantryConfig.Api api = new GantryConfig.Api(config.api().bind(), config.api().port(), config.api().maxBodyBytes(),
        config.api().auth(), new CallTargetPolicy(true), config.api().outbox(), config.api().retention());
    gantry = Gantry.start(new GantryConfig(config.role(), config.database(), api, config.tasks(), config.heartbeat(),
        config.hostAccess()));
    http = new Http(gantry.port());
  }

  @AfterAll
  static void stop() {
    if (gantry != null) {
      gantry.close();
    }
  }

  @Test
  void aTaskThatWritesItsProgressShowsItAndCallsItsTaskProgressWebhooks() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      String id = http.submit(README_PROGRESS_JOB.formatted(receiver.url("/progress")));

      List<Double> seenWhileRunning = new CopyOnWriteArrayList<>();
      List<Double> jobSeenWhileRunning = new CopyOnWriteArrayList<>();
      JsonNode ended = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
        JsonNode job = http.job(id);
        JsonNode run = job.path("execution").path(0);
        if (run.path("state").asText().equals("RUNNING") && run.has("progress")) {
          double progress = run.path("progress").asDouble();
          if (seenWhileRunning.isEmpty() || seenWhileRunning.get(seenWhileRunning.size() - 1) != progress) {
            seenWhileRunning.add(progress);
          }
          // The job's, as Tork computes it: its one task's share (read apart from the run's, so maybe a report behind).
          double jobProgress = job.path("progress").asDouble();
          if (job.path("state").asText().equals("RUNNING") && jobProgress > 0
              && (jobSeenWhileRunning.isEmpty() || jobSeenWhileRunning.get(jobSeenWhileRunning.size() - 1) != jobProgress)) {
            jobSeenWhileRunning.add(jobProgress);
          }
        }
        return job;
      }, job -> StandaloneFixture.ENDED.contains(job.path("state").asText()));

      assertThat(ended.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(seenWhileRunning).as("GET /jobs/{id} while the task ran").containsExactly(40.0, 80.0);
      assertThat(jobSeenWhileRunning).as("the job's progress while its one task ran").containsExactly(40.0, 80.0);
      assertThat(ended.path("progress").asDouble()).isEqualTo(100.0);
      String runId = ended.path("execution").path(0).path("id").asText();
      assertThat(http.get("/tasks/" + runId).body().path("progress").asDouble()).as("kept once it ended").isEqualTo(80.0);

      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() >= 2);
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests().size() == 2);
      List<Received> calls = receiver.requests();
      assertThat(calls).extracting(call -> call.header("X-Progress")).containsExactlyInAnyOrder("long at 40", "long at 80");
      assertThat(calls).allSatisfy(call -> {
        assertThat(call.path()).isEqualTo("/progress");
        assertThat(call.header("X-Gantry-Event")).isEqualTo("task.Progress");
        assertThat(call.body()).contains("\"id\":\"" + runId + "\"").contains("\"state\":\"RUNNING\"");
      });
      assertThat(Set.copyOf(http.get("/jobs/" + id + "/deliveries").body().findValuesAsText("event")))
          .containsExactly("task.Progress");
    }
  }

  @Test
  void whatIsNotANumberFrom0To100IsNoProgressAndTheTaskRunsOn() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      String id = http.submit("""
          name: garbled
          tasks:
            - name: writes nonsense
              image: busybox:latest
              network: none
              run: |
                echo half > $TORK_PROGRESS
                head -c 100000 /dev/zero | tr '\\0' 9 > $TORK_PROGRESS
                sleep 3
                echo 150 > $TORK_PROGRESS
                echo -n done > $TORK_OUTPUT
          webhooks:
            - url: %s
              event: task.Progress
          """.formatted(receiver.url("/progress")));

      JsonNode ended = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> http.job(id), job -> StandaloneFixture.ENDED.contains(job.path("state").asText()));

      assertThat(ended.path("state").asText()).isEqualTo("COMPLETED");
      JsonNode run = ended.path("execution").path(0);
      assertThat(run.path("result").asText()).isEqualTo("done");
      assertThat(run.has("progress")).as("no progress: %s", run).isFalse();
      assertThat(http.get("/jobs/" + id + "/deliveries").body().path("items")).isEmpty();
      assertThat(receiver.requests()).isEmpty();
    }
  }
}
