package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /jobs/{id}/log} and {@code GET /tasks/{id}/log}: pages of log parts, newest first. */
class LogApiTest {

  private final TestServer server = new TestServer();
  private String jobId;
  private TaskRun first;
  private TaskRun second;

  @BeforeEach
  void runAJobWithOutput() {
    jobId = server.submitted("""
        name: logs
        tasks:
          - name: one
            image: busybox
          - name: two
            image: busybox
        """);
    first = server.worker.claim();
    for (int i = 1; i <= 30; i++) {
      server.worker.log(first, i, "one " + i);
    }
    server.worker.succeed(first, null);
    second = server.worker.claim();
    for (int i = 1; i <= 3; i++) {
      server.worker.log(second, i, "two " + i);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<String> contents(Reply reply) {
    List<String> out = new ArrayList<>();
    reply.json().path("items").forEach(part -> out.add(part.path("contents").asText()));
    return out;
  }

  @Test
  void pagesAJobsLogNewestFirst25AtATime() {
    Reply reply = server.get("/jobs/" + jobId + "/log");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode page = reply.json();
    assertThat(page.path("number").asInt()).isEqualTo(1);
    assertThat(page.path("size").asInt()).isEqualTo(25);
    assertThat(page.path("totalItems").asInt()).isEqualTo(33);
    assertThat(page.path("totalPages").asInt()).isEqualTo(2);
    assertThat(contents(reply)).startsWith("two 3", "two 2", "two 1", "one 30").endsWith("one 9");
    JsonNode part = page.path("items").path(0);
    assertThat(part.path("id").isTextual()).isTrue();
    assertThat(part.path("number").asInt()).isEqualTo(3);
    assertThat(part.path("taskId").asText()).isEqualTo(second.id());
    assertThat(part.path("createdAt").asText()).endsWith("Z");

    assertThat(contents(server.get("/jobs/" + jobId + "/log?page=2"))).hasSize(8).endsWith("one 1");
    assertThat(contents(server.get("/jobs/" + jobId + "/log?page=2&size=2"))).containsExactly("two 1", "one 30");
    assertThat(contents(server.get("/jobs/" + jobId + "/log?size=100"))).hasSize(33);
  }

  @Test
  void pagesOneTaskRunsLog() {
    Reply reply = server.get("/tasks/" + second.id() + "/log");
    assertThat(contents(reply)).containsExactly("two 3", "two 2", "two 1");

    assertThat(contents(server.get("/tasks/" + first.id() + "/log?page=3&size=10"))).containsExactly(
        "one 10", "one 9", "one 8", "one 7", "one 6", "one 5", "one 4", "one 3", "one 2", "one 1");
  }

  @Test
  void aJobWithoutOutputHasAnEmptyLog() {
    String quiet = server.submitted(SubmitJobApiTest.HELLO);
    JsonNode page = server.get("/jobs/" + quiet + "/log").json();
    assertThat(page.path("items")).isEmpty();
    assertThat(page.path("totalItems").asInt()).isZero();
  }

  @ParameterizedTest
  @CsvSource({"size=0, size", "size=101, size", "size=abc, size", "page=0, page", "page=1e3, page"})
  void rejectsPagingParametersOutOfRange(String query, String parameter) {
    for (String path : List.of("/jobs/" + jobId + "/log?", "/tasks/" + first.id() + "/log?")) {
      Reply reply = server.get(path + query);
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.message()).startsWith("query parameter '" + parameter + "'");
    }
  }

  @Test
  void unknownIdsAre404() {
    assertThat(server.get("/jobs/nope/log").status()).isEqualTo(404);
    assertThat(server.get("/jobs/nope/log").message()).isEqualTo("job nope not found");
    assertThat(server.get("/tasks/nope/log").status()).isEqualTo(404);
    assertThat(server.get("/tasks/nope/log").message()).isEqualTo("task nope not found");
  }
}
