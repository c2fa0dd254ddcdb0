package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.docker.DockerRuntime;
import dev.gantry.store.PostgresTestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sourcehut build whose worker is killed (-9) mid-session, as real processes: the session is
 * retried from its start as a new attempt on another worker and completes; each task of an
 * attempt ran once, and nothing of the dead session is left in the engine.
 */
class SourcehutLostWorkerIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static GantryProcesses processes;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    Assumptions.assumeTrue(database.schema() != null, "needs PostgreSQL");
    Services.requireDocker();
    Path images = dir.resolve("images");
    Files.writeString(images, "busybox busybox:latest none\n");
    processes = new GantryProcesses(database.settings(), SourcehutLostWorkerIT.class);
    base = processes.server("--heartbeat", "1s", "--sourcehut-images", images.toString()).awaitStarted().http().base();
  }

  @AfterAll
  static void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  private static JsonNode send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
        ? JSON.readTree(response.body()) : JSON.getNodeFactory().textNode(response.body());
  }

  private static JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)));
  }

  @Test
  void aKilledWorkersSessionIsRetriedFromItsStartAndCompletes() throws Exception {
    GantryProcess victim = processes.worker("--heartbeat", "1s", "--lease", "3s").awaitStarted();
    String manifest = """
        image: busybox
        tasks:
          - first: echo first >> /shared/runs
          - long: |
              echo long >> /shared/runs
              echo started
              sleep 6
          - last: cat /shared/runs
        """;
    long id = send(HttpRequest.newBuilder(URI.create(base + "/api/jobs")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("manifest", manifest).toString())))
        .path("id").asLong();
    await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
        .until(() -> get("/logs/" + id + "/long/log").asText().contains("started"));
    GantryProcess survivor = processes.worker("--heartbeat", "1s", "--lease", "3s").awaitStarted();

    victim.kill();

    JsonNode job = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> get("/api/jobs/" + id),
        j -> Set.of("success", "failed", "timeout", "cancelled").contains(j.path("status").asText()));
    assertThat(job.path("status").asText()).isEqualTo("success");
    assertThat(job.path("tasks").findValuesAsText("status")).containsExactly("success", "success", "success");
    // Attempt one ran first and long (killed), attempt two all three: each once per attempt.
    String last = get("/logs/" + id + "/last/log").asText();
    assertThat(last).contains("+ cat /shared/runs\n");
    // The trace goes to stderr and cat's output to stdout: two streams, so their order in the log is not fixed.
    assertThat(last.replace("+ cat /shared/runs\n", "")).endsWith("first\nlong\nfirst\nlong\n");
    JsonNode runs = null;
    for (JsonNode item : get("/jobs?size=20").path("items")) {
      if (item.path("name").asText().equals("sourcehut busybox")) {
        runs = get("/jobs/" + item.path("id").asText()).path("execution");
        String nativeId = item.path("id").asText();
        try (DockerRuntime docker = Services.docker()) {
          // The dead session's container outlived its worker; the survivor's sweeper removes it.
          await().atMost(DEADLINE).until(() -> docker.resources().stream().noneMatch(r -> nativeId.equals(r.jobId())));
        }
      }
    }
    assertThat(runs).isNotNull();
    assertThat(runs.findValuesAsText("error")).contains("worker lost");
    survivor.stop();
    assertThat(survivor.waitForExit(DEADLINE)).isTrue();
  }
}
