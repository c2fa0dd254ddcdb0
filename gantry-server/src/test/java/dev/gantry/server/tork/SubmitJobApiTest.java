package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /jobs}: what is accepted, and that every bad request is a 4xx that stores nothing. */
class SubmitJobApiTest {

  static final String HELLO = """
      name: hello
      tasks:
        - name: say hello
          image: busybox:latest
          run: echo -n hello world > $TORK_OUTPUT
      """;

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  /** The request is refused with {@code status} and a message containing {@code message}; nothing is stored. */
  private void rejected(Reply reply, int status, String message) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.message()).contains(message);
    assertThat(server.storedJobs()).isZero();
    assertThat(server.get("/jobs").json().path("totalItems").asLong()).isZero();
  }

  @Test
  void acceptsYamlAndAnswersWithTheSummary() {
    Reply reply = server.submitYaml(HELLO);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode job = reply.json();
    assertThat(job.path("id").asText()).matches("[0-9a-f]{32}");
    assertThat(job.path("name").asText()).isEqualTo("hello");
    assertThat(job.path("state").asText()).isEqualTo("SCHEDULED");
    assertThat(job.path("position").asInt()).isEqualTo(1);
    assertThat(job.path("taskCount").asInt()).isEqualTo(1);
    assertThat(job.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    // null and empty fields are left out, as Tork's omitempty does
    assertThat(job.has("startedAt")).isFalse();
    assertThat(job.has("description")).isFalse();
    assertThat(job.has("tags")).isFalse();
    assertThat(job.has("error")).isFalse();
    assertThat(server.storedJobs()).isEqualTo(1);
  }

  @Test
  void acceptsJson() {
    Reply reply = server.post("/jobs", "application/json", """
        {"name": "json job", "tags": ["a"], "tasks": [{"name": "t", "image": "busybox", "run": "true"}]}""");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("tags").toString()).isEqualTo("[\"a\"]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/yaml; charset=utf-8", "TEXT/YAML;Charset=UTF-8", "application/x-yaml",
      "application/yaml", "application/x-yaml; charset=\"utf-8\""})
  void acceptsEveryYamlTypeWithOrWithoutCharset(String contentType) {
    assertThat(server.post("/jobs", contentType, HELLO).status()).isEqualTo(200);
  }

  @Test
  void acceptsJsonWithCharset() {
    Reply reply = server.post("/jobs", "Application/JSON;charset=UTF-8",
        "{\"name\": \"j\", \"tasks\": [{\"name\": \"t\", \"image\": \"busybox\"}]}");
    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void rejectsAMissingContentType() {
    rejected(server.post("/jobs", null, HELLO), 415, "application/json, text/yaml, application/x-yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/xml", "multipart/form-data; boundary=x", "yaml"})
  void rejectsOtherContentTypes(String contentType) {
    rejected(server.post("/jobs", contentType, HELLO), 415, "application/json, text/yaml, application/x-yaml");
  }

  @Test
  void rejectsACharsetOtherThanUtf8() {
    rejected(server.post("/jobs", "text/yaml; charset=iso-8859-1", HELLO), 415, "UTF-8");
  }

  @Test
  void rejectsABodyOverTheLimit() {
    rejected(server.post("/jobs", "text/yaml", oversized()), 413, "larger than the limit of 1048576 bytes");
  }

  @Test
  void rejectsAChunkedBodyOverTheLimit() {
    byte[] body = oversized().getBytes(StandardCharsets.UTF_8);
    // No Content-Length: the publisher's length is unknown, so the client sends it chunked.
    Reply reply = server.post("/jobs", "text/yaml", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    rejected(reply, 413, "larger than the limit of 1048576 bytes");
  }

  @Test
  void acceptsAChunkedBodyUnderTheLimit() {
    byte[] body = HELLO.getBytes(StandardCharsets.UTF_8);
    Reply reply = server.post("/jobs", "text/yaml", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    assertThat(reply.status()).isEqualTo(200);
  }

  /** A valid job whose script makes it just over 1 MiB. */
  private static String oversized() {
    return HELLO + "    env:\n      PAD: " + "x".repeat(1 << 20) + "\n";
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] body = (HELLO + "description: caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
    rejected(server.post("/jobs", "text/yaml", BodyPublishers.ofByteArray(body)), 400, "not valid UTF-8");
  }

  @Test
  void rejectsAnUnknownFieldNamingItsPath() {
    rejected(server.submitYaml("""
        name: typo
        tasks:
          - name: ok
            image: busybox
          - name: typo
            imgae: busybox
        """), 400, "tasks[1].imgae: unknown field");
  }

  @Test
  void rejectsAMissingName() {
    rejected(server.submitYaml("""
        tasks:
          - name: t
            image: busybox
        """), 400, "name: is required");
  }

  @Test
  void rejectsATaskWithoutImage() {
    rejected(server.submitYaml("""
        name: j
        tasks:
          - name: t
        """), 400, "tasks[0].image: is required");
  }

  @Test
  void rejectsEmptyTasks() {
    rejected(server.submitYaml("name: j\ntasks: []\n"), 400, "tasks: a job needs at least one task");
  }

  @Test
  void rejectsABadDuration() {
    rejected(server.submitYaml("""
        name: j
        tasks:
          - name: t
            image: busybox
            timeout: 5 minutes
        """), 400, "tasks[0].timeout: invalid duration '5 minutes'");
  }

  @Test
  void rejectsABadMemoryLimit() {
    rejected(server.submitYaml("""
        name: j
        tasks:
          - name: t
            image: busybox
            limits:
              memory: lots
        """), 400, "tasks[0].limits.memory: invalid size 'lots'");
  }

  @Test
  void rejectsMalformedJson() {
    rejected(server.post("/jobs", "application/json", "{\"name\": \"j\", \"tasks\": ["), 400, "malformed JSON");
  }

  @Test
  void rejectsMalformedYaml() {
    rejected(server.submitYaml("name: [unclosed\ntasks:\n  - name: t\n"), 400, "malformed YAML");
  }

  @Test
  void rejectsAnEmptyBody() {
    rejected(server.submitYaml(""), 400, "the request body is empty");
  }

  @Test
  void rejectsADocumentThatIsNotAnObject() {
    rejected(server.post("/jobs", "application/json", "[1, 2]"), 400, "the document must be an object");
  }

  /**
   * "Billion laughs": nine levels of ten aliases each would be 10^10 nodes if expanded. Jackson
   * does not expand aliases into the tree, so this is cheap and fails validation.
   */
  @Test
  void rejectsAYamlAliasBombQuickly() {
    StringBuilder bomb = new StringBuilder("name: bomb\ntasks:\n  - name: t\n    image: busybox\n");
    bomb.append("    cmd: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    bomb.append("    entrypoint: &a1 [").append(String.join(", ", Collections.nCopies(10, "*a0"))).append("]\n");
    bomb.append("    env:\n");
    for (int i = 2; i < 10; i++) {
      bomb.append("      V").append(i).append(": &a").append(i).append(" [")
          .append(String.join(", ", Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
    }
    long started = System.nanoTime();
    Reply reply = server.submitYaml(bomb.toString());
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.message()).startsWith("tasks[0].");
    assertThat(server.storedJobs()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void rejectsDeeplyNestedJson() {
    rejected(server.post("/jobs", "application/json", "[".repeat(100_000)), 400, "malformed JSON");
  }

  @Test
  void rejectsDeeplyNestedYaml() {
    rejected(server.submitYaml("name: " + "[".repeat(100_000)), 400, "malformed YAML");
  }

  @Test
  void rejectsDuplicateKeys() {
    rejected(server.submitYaml(HELLO + "name: again\n"), 400, "malformed YAML");
  }

  @Test
  void rejectsFieldsGantryDoesNotSupportYet() {
    rejected(server.submitYaml(HELLO.replace("    image: busybox:latest", "    image: busybox:latest\n    probe: {port: 80}")),
        400, "tasks[0].probe: a task's own probe checks the ports it publishes");
    // A schedule is POST /scheduled-jobs' field, not a job's.
    rejected(server.submitYaml(HELLO + "schedule:\n  cron: '* * * * *'\n"), 400,
        "schedule: a job with a schedule is created with POST /scheduled-jobs");
  }
}
