package dev.gantry.server.hades;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.LiveResponse;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /build/{id}/status}, {@code GET /build/{id}/logs} in its three forms, {@code GET /ping}, and errors. */
class HadesStatusAndLogApiTest {

  private static final String TWO_STEPS = """
      {"name": "two", "steps": [{"id": 1, "name": "first", "image": "busybox"}, {"id": 2, "name": "second", "image": "busybox"}]}""";

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private String submitted(String json) {
    Reply reply = server.post("/build", "application/json", json);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("id").asText();
  }

  private String status(String id) {
    Reply reply = server.get("/build/" + id + "/status");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("id").asText()).isEqualTo(id);
    return reply.json().path("status").asText();
  }

  private Reply logs(String id, String accept) {
    return server.send(HttpRequest.newBuilder(server.uri("/build/" + id + "/logs")).header("Accept", accept).GET());
  }

  /** Runs the two-step job: the first step prints to stdout and stderr, the second to stdout. */
  private String ranTwoSteps(boolean secondFails) {
    String id = submitted(TWO_STEPS);
    TaskRun first = server.worker.claim();
    server.worker.log(first, 1, "one a\none b\n");
    server.worker.log(first, 2, LogPart.Stream.STDERR, "one warning\n");
    server.worker.succeed(first, null);
    TaskRun second = server.worker.claim();
    server.worker.log(second, 1, "two\n");
    if (secondFails) {
      server.worker.fail(second, 1, "exit code 1");
    } else {
      server.worker.succeed(second, null);
    }
    return id;
  }

  @Test
  void statusGoesFromPendingToRunningToSuccess() {
    String id = submitted(TWO_STEPS);
    assertThat(status(id)).isEqualTo("pending");
    TaskRun first = server.worker.claim();
    assertThat(status(id)).isEqualTo("running");
    server.worker.succeed(first, null);
    server.worker.succeed(server.worker.claim(), null);
    assertThat(status(id)).isEqualTo("success");
  }

  @Test
  void aFailedOrCancelledJobIsFailed() {
    assertThat(status(ranTwoSteps(true))).isEqualTo("failed");
    String cancelled = submitted(TWO_STEPS);
    server.jobs.cancel(cancelled);
    assertThat(status(cancelled)).isEqualTo("failed");
  }

  @Test
  void unknownIdsAre404InPlainText() {
    for (String path : List.of("/build/0b6c9f5e-1d2a-4c3b-8e7f-123456789abc/status", "/build/nope/logs", "/build/" + "x".repeat(100) + "/status")) {
      Reply reply = server.get(path);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.header("Content-Type")).startsWith("text/plain");
      assertThat(reply.body()).contains("not found");
    }
  }

  @Test
  void routingErrorsUnderBuildArePlainText() {
    Reply wrongMethod = server.get("/build");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.body()).startsWith("method GET is not allowed on /build");
    Reply nowhere = server.get("/build/x/nothing");
    assertThat(nowhere.status()).isEqualTo(404);
    assertThat(nowhere.header("Content-Type")).startsWith("text/plain");
  }

  @Test
  void pingAnswersInHades10sShapeAndTheOlderOne() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Reply reply = server.get("/ping");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json().path("status").asText()).isEqualTo("ok");
    assertThat(reply.json().path("message").asText()).isEqualTo("pong");
    String timestamp = reply.json().path("timestamp").asText();
    // RFC 3339 in UTC to the second, as Go's time.RFC3339 writes it
    assertThat(timestamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(Instant.parse(timestamp)).isBetween(before, Instant.now());
  }

  @Test
  void plainLogsAreEveryStepsLinesInStepOrder() {
    String id = ranTwoSteps(false);
    Reply reply = server.get("/build/" + id + "/logs");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/plain");
    assertThat(reply.body()).isEqualTo("one a\none b\none warning\ntwo\n");
  }

  @Test
  void jsonLogsHaveTheLogManagersShapeOneEntryPerStepContainer() {
    String id = ranTwoSteps(true);
    List<TaskRun> runs = server.jobs.runs(id);

    Reply reply = logs(id, "application/json");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonNode entries = reply.json().path("logs");
    assertThat(entries).hasSize(2);
    assertThat(entries.path(0).path("job_id").asText()).isEqualTo(id);
    assertThat(entries.path(0).path("container_id").asText()).isEqualTo(runs.get(0).id());
    assertThat(entries.path(1).path("container_id").asText()).isEqualTo(runs.get(1).id());
    JsonNode lines = entries.path(0).path("logs");
    assertThat(lines).hasSize(3);
    assertThat(lines.path(0).path("message").asText()).isEqualTo("one a");
    assertThat(lines.path(0).path("output_stream").asText()).isEqualTo("stdout");
    assertThat(lines.path(0).path("timestamp").asText()).endsWith("Z");
    assertThat(lines.path(2).path("message").asText()).isEqualTo("one warning");
    assertThat(lines.path(2).path("output_stream").asText()).isEqualTo("stderr");
    assertThat(entries.path(1).path("logs").path(0).path("message").asText()).isEqualTo("two");
  }

  @Test
  void eventStreamHasALogEventPerLineAndEndsWithTheStatus() throws IOException {
    String id = ranTwoSteps(true);
    try (LiveResponse events = LiveResponse.open(server.uri("/build/" + id + "/logs"), "Accept", "text/event-stream")) {
      assertThat(events.status()).isEqualTo(200);
      assertThat(events.header("Content-Type")).startsWith("text/event-stream");
      List<String> lines = events.restOfLines();
      List<JsonNode> data = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("data: ")) {
          data.add(JsonResponses.mapper().readTree(line.substring(6)));
        }
      }
      assertThat(data).extracting(d -> d.path("message").asText()).containsExactly("one a", "one b", "one warning", "two", "");
      assertThat(data.get(2).path("output_stream").asText()).isEqualTo("stderr");
      assertThat(lines).contains("event: end");
      assertThat(data.get(4).path("status").asText()).isEqualTo("failed");
      // the last line of a part carries the part's id
      assertThat(lines.subList(0, 3)).containsExactly("event: log", "data: " + data.get(0).toString(), "");
      assertThat(lines).filteredOn(l -> l.startsWith("id: ")).hasSize(3);
    }
  }
}
