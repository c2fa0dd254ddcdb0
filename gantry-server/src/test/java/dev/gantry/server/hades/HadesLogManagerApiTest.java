package dev.gantry.server.hades;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The log manager's routes, {@code GET /jobs/{id}/status} and {@code GET /jobs/{id}/logs}, beside the native API's. */
class HadesLogManagerApiTest {

  private static final String TWO_STEPS = """
      {"name": "two", "steps": [{"id": 1, "image": "busybox"}, {"id": 2, "image": "busybox"}]}""";

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private String submitted() {
    Reply reply = server.post("/build", "application/json", TWO_STEPS);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("job_id").asText();
  }

  private String status(String id) {
    Reply reply = server.get("/jobs/" + id + "/status");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json().size()).as(reply.body()).isEqualTo(1);
    return reply.json().path("status").asText();
  }

  private JsonNode logs(String id) {
    Reply reply = server.get("/jobs/" + id + "/logs");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    return reply.json();
  }

  @Test
  void statusGoesFromQueuedToRunningToSucceeded() {
    String id = submitted();
    assertThat(status(id)).isEqualTo("Queued");
    TaskRun first = server.worker.claim();
    assertThat(status(id)).isEqualTo("Running");
    server.worker.succeed(first, null);
    server.worker.succeed(server.worker.claim(), null);
    assertThat(status(id)).isEqualTo("Succeeded");
  }

  @Test
  void aFailedJobIsFailedAndACancelledOneStopped() {
    String failed = submitted();
    server.worker.fail(server.worker.claim(), 1, "exit code 1");
    assertThat(status(failed)).isEqualTo("Failed");
    String cancelled = submitted();
    server.jobs.cancel(cancelled);
    assertThat(status(cancelled)).isEqualTo("Stopped");
  }

  @Test
  void logsAreTheDocumentOfBuildLogsWhileTheJobRunsAndWhenItHasEnded() {
    String id = submitted();
    TaskRun first = server.worker.claim();
    server.worker.log(first, 1, "one\n");

    JsonNode running = logs(id);
    assertThat(running.path("logs")).hasSize(1);
    assertThat(running.path("logs").path(0).path("job_id").asText()).isEqualTo(id);
    assertThat(running.path("logs").path(0).path("container_id").asText()).isEqualTo(first.id());
    assertThat(running.path("logs").path(0).path("logs").path(0).path("message").asText()).isEqualTo("one");
    assertThat(running.path("logs").path(0).path("logs").path(0).path("output_stream").asText()).isEqualTo("stdout");

    server.worker.succeed(first, null);
    TaskRun second = server.worker.claim();
    server.worker.log(second, 1, "two\n");
    server.worker.succeed(second, null);
    JsonNode ended = logs(id);
    assertThat(ended.path("logs")).hasSize(2);
    assertThat(ended.path("logs").path(1).path("logs").path(0).path("message").asText()).isEqualTo("two");
    Reply build = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/build/" + id + "/logs"))
        .header("Accept", "application/json").GET());
    assertThat(build.json()).isEqualTo(ended);
  }

  @Test
  void aQueuedJobHasAnEntryForItsNextStepWithNoLines() {
    String id = submitted();
    JsonNode queued = logs(id).path("logs");
    assertThat(queued).hasSize(1);
    assertThat(queued.path(0).path("container_id").asText()).isEqualTo(server.jobs.runs(id).get(0).id());
    assertThat(queued.path(0).path("logs")).isEmpty();
  }

  @Test
  void unknownIdsAre404InTheLogManagersShape() {
    for (String id : List.of("0b6c9f5e-1d2a-4c3b-8e7f-123456789abc", "nope", "x".repeat(100))) {
      for (String path : List.of("/jobs/" + id + "/status", "/jobs/" + id + "/logs")) {
        Reply reply = server.get(path);
        assertThat(reply.status()).as(path).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().path("error").asText()).as(path).startsWith("job not found: " + id.substring(0, Math.min(id.length(), 64)));
      }
    }
  }

  @Test
  void answersForANativeJobTooAndLeavesTheNativeRoutesAsTheyWere() {
    Reply submitted = server.post("/jobs", "application/json",
        "{\"name\": \"native\", \"tasks\": [{\"name\": \"t\", \"image\": \"busybox\", \"run\": \"true\"}]}");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
    String id = submitted.json().path("id").asText();
    TaskRun run = server.worker.claim();
    server.worker.log(run, 1, "native line\n");
    server.worker.succeed(run, null);

    assertThat(status(id)).isEqualTo("Succeeded");
    assertThat(logs(id).path("logs").path(0).path("logs").path(0).path("message").asText()).isEqualTo("native line");
    assertThat(server.get("/jobs/" + id).json().path("state").asText()).isEqualTo("COMPLETED");
    Reply log = server.get("/jobs/" + id + "/log");
    assertThat(log.status()).isEqualTo(200);
    assertThat(log.json().path("items").path(0).path("contents").asText()).isEqualTo("native line\n");
    // A route nobody has under /jobs stays the native API's, in its shape.
    Reply nowhere = server.get("/jobs/" + id + "/nothing");
    assertThat(nowhere.status()).isEqualTo(404);
    assertThat(nowhere.json().path("message").asText()).isNotBlank();
  }

  @Test
  void aWrongMethodIsAnsweredByTheNativeApiWhichOwnsJobs() {
    Reply reply = server.delete("/jobs/x/status");
    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Allow")).contains("GET");
    assertThat(reply.json().path("message").asText()).startsWith("method DELETE is not allowed on /jobs/x/status");
  }
}
