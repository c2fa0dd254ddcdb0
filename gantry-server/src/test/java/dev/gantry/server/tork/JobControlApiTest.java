package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code PUT /jobs/{id}/cancel} and {@code /restart}, with Tork's answers for the wrong state. */
class JobControlApiTest {

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private String state(String id) {
    return server.get("/jobs/" + id).json().path("state").asText();
  }

  @Test
  void cancelsAQueuedJob() {
    String id = server.submitted(SubmitJobApiTest.HELLO);

    Reply reply = server.put("/jobs/" + id + "/cancel");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("{\"status\":\"OK\"}");
    assertThat(state(id)).isEqualTo("CANCELLED");
    assertThat(server.get("/jobs/" + id).json().path("execution").path(0).path("state").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void cancelsARunningJob() {
    String id = server.submitted(SubmitJobApiTest.HELLO);
    server.worker.claim();
    assertThat(state(id)).isEqualTo("RUNNING");

    assertThat(server.put("/jobs/" + id + "/cancel").status()).isEqualTo(200);
    assertThat(server.store.findJob(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    JsonNode cancelled = server.get("/jobs/" + id).json();
    assertThat(cancelled.path("cancelledAt").asText()).isNotEmpty();
    assertThat(java.time.Instant.parse(cancelled.path("cancelledAt").asText()))
        .isAfterOrEqualTo(java.time.Instant.parse(cancelled.path("startedAt").asText()));
    assertThat(cancelled.has("completedAt")).isFalse();
    assertThat(cancelled.has("failedAt")).isFalse();
  }

  @Test
  void cancellingAnEndedJobIsTorks400() {
    String id = server.submitted(SubmitJobApiTest.HELLO);
    server.worker.runToSuccess("done");

    Reply reply = server.put("/jobs/" + id + "/cancel");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).isEqualTo("{\"message\":\"job is not running\"}");
    assertThat(state(id)).isEqualTo("COMPLETED");
  }

  @Test
  void restartsAFailedJobFromTheFailedTask() {
    String id = server.submitted("""
        name: two
        tasks:
          - name: first
            image: busybox
          - name: second
            image: busybox
        """);
    server.worker.succeed(server.worker.claim(), null);
    TaskRun second = server.worker.claim();
    server.worker.fail(second, 2, "exit code 2");
    assertThat(state(id)).isEqualTo("FAILED");

    Reply reply = server.put("/jobs/" + id + "/restart");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("{\"status\":\"OK\"}");
    assertThat(state(id)).isEqualTo("SCHEDULED");
    var execution = server.get("/jobs/" + id).json().path("execution");
    assertThat(execution).hasSize(3);
    assertThat(execution.path(2).path("name").asText()).isEqualTo("second");
    assertThat(execution.path(2).path("state").asText()).isEqualTo("SCHEDULED");
    assertThat(execution.path(2).path("attempt").asInt()).isEqualTo(2);
  }

  @Test
  void restartsACancelledJob() {
    String id = server.submitted(SubmitJobApiTest.HELLO);
    server.put("/jobs/" + id + "/cancel");

    assertThat(server.put("/jobs/" + id + "/restart").status()).isEqualTo(200);
    assertThat(state(id)).isEqualTo("SCHEDULED");
  }

  @Test
  void restartingACompletedJobIsTorks400() {
    String id = server.submitted(SubmitJobApiTest.HELLO);
    server.worker.runToSuccess("done");

    Reply reply = server.put("/jobs/" + id + "/restart");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).isEqualTo("{\"message\":\"job is COMPLETED and can not be restarted\"}");
  }

  @Test
  void restartingARunningOrQueuedJobIs400WithItsTorkState() {
    String queued = server.submitted(SubmitJobApiTest.HELLO);
    assertThat(server.put("/jobs/" + queued + "/restart").message()).isEqualTo("job is SCHEDULED and can not be restarted");
    server.worker.claim();
    assertThat(server.put("/jobs/" + queued + "/restart").message()).isEqualTo("job is RUNNING and can not be restarted");
  }

  @Test
  void unknownJobsAre404() {
    assertThat(server.put("/jobs/nope/cancel").status()).isEqualTo(404);
    assertThat(server.put("/jobs/nope/cancel").message()).isEqualTo("job nope not found");
    assertThat(server.put("/jobs/nope/restart").status()).isEqualTo(404);
    assertThat(server.put("/jobs/" + "x".repeat(1000) + "/restart").status()).isEqualTo(404);
  }
}
