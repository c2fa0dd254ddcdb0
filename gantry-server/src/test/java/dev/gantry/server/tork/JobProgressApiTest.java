package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.CallbackReceiver;
import dev.gantry.server.CallbackReceiver.Received;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.TestServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job's {@code progress} over real HTTP as Tork computes it: the top-level tasks done plus the
 * share its running task last wrote to {@code $TORK_PROGRESS}, over its task count, two decimals;
 * at {@code GET /jobs/{id}} and in the list; and a job.Progress webhook called for each report, as
 * Tork calls it (besides each task's completion).
 */
class JobProgressApiTest {

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRunningTasksReportMovesItsJobsProgressAndCallsItsJobProgressWebhook() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      String id = server.submitted("""
          name: four
          tasks: [{name: a, image: busybox}, {name: b, image: busybox}, {name: c, image: busybox}, {name: d, image: busybox}]
          webhooks:
            - url: %s
              event: job.Progress
              headers: {X-Progress: "{{ job.progress }}"}
          """.formatted(receiver.url("/progress")));
      TaskRun first = server.worker.claim();
      assertThat(progressOf(id)).isEqualTo(0.0);

      server.store.recordProgress(first.id(), 50, Instant.now()); // as the worker does when $TORK_PROGRESS says 50
      assertThat(progressOf(id)).as("(0 + 0.5) / 4").isEqualTo(12.5);
      assertThat(listed(id).path("progress").asDouble()).isEqualTo(12.5);

      server.worker.succeed(first, "a");
      assertThat(progressOf(id)).as("a done; its report no longer counts").isEqualTo(25.0);
      TaskRun second = server.worker.claim();
      server.store.recordProgress(second.id(), 100.0 / 3, Instant.now());
      assertThat(progressOf(id)).as("(1 + 1/3) / 4, two decimals").isEqualTo(33.33);
      assertThat(listed(id).path("progress").asDouble()).isEqualTo(33.33);

      // Two reports and one task's end: three calls (sent side by side, in no order).
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() >= 3);
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests().size() == 3);
      List<Received> calls = receiver.requests();
      assertThat(calls).extracting(call -> call.header("X-Progress")).containsExactlyInAnyOrder("12.5", "25", "33.33");
      assertThat(calls).allSatisfy(call -> {
        assertThat(call.header("X-Gantry-Event")).isEqualTo("job.Progress");
        assertThat(json(call).path("id").asText()).isEqualTo(id);
      });

      server.worker.succeed(second, "b");
      server.worker.runToSuccess("done");
      assertThat(progressOf(id)).isEqualTo(100.0);
    }
  }

  private double progressOf(String id) {
    return server.get("/jobs/" + id).json().path("progress").asDouble();
  }

  private JsonNode listed(String id) {
    for (JsonNode job : server.get("/jobs").json().path("items")) {
      if (job.path("id").asText().equals(id)) {
        return job;
      }
    }
    throw new AssertionError("job " + id + " is not listed");
  }

  private static JsonNode json(Received call) {
    try {
      return JsonResponses.mapper().readTree(call.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + call.body(), e);
    }
  }
}
