package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.client.GantryClient;
import dev.gantry.client.GantryException;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.server.sourcehut.SourcehutImages;
import dev.gantry.server.sourcehut.SourcehutSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shell: true} and failed builds keep their container for the keep time, and
 * {@code gantry shell JOB} (a WebSocket to {@code GET /jobs/{id}/shell}, a docker exec with a TTY)
 * opens a shell in it: against a real standalone Gantry and the real Docker engine.
 */
class SourcehutShellIT {

  /** Long enough to open a shell on a loaded machine, short enough to see the sweeper remove it. */
  private static final Duration KEEP = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Set<String> ENDED = Set.of("success", "failed", "timeout", "cancelled");

  @TempDir static Path dataDir;
  static StandaloneFixture gantry;

  @BeforeAll
  static void start() throws IOException {
    Services.requireDocker();
    Path images = dataDir.resolve("images");
    Files.writeString(images, "busybox busybox:latest none\n");
    gantry = new StandaloneFixture(dataDir.resolve("gantry"), HostAccessPolicy.NONE,
        new SourcehutSettings(null, Duration.ofSeconds(60), SourcehutImages.withFile(images)).withShellKeep(KEEP));
  }

  @AfterAll
  static void stop() {
    if (gantry != null) {
      gantry.close();
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long submit(String manifest) throws Exception {
    String body = JSON.createObjectNode().put("manifest", manifest).toString();
    HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(gantry.http().base() + "/api/jobs"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return JSON.readTree(reply.body()).path("id").asLong();
  }

  private static JsonNode awaitEnd(long number) {
    return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
      HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(gantry.http().base() + "/api/jobs/" + number)));
      return JSON.readTree(reply.body());
    }, job -> ENDED.contains(job.path("status").asText()));
  }

  private static String lastTaskLog(JsonNode build) throws Exception {
    JsonNode tasks = build.path("tasks");
    String url = null;
    for (JsonNode task : tasks) {
      if (!task.path("status").asText().equals("pending")) {
        url = task.path("log").asText();
      }
    }
    return send(HttpRequest.newBuilder(URI.create(url))).body();
  }

  private static boolean containerOf(String jobId) {
    return gantry.leftovers(jobId).stream().anyMatch(r -> r.kind() == RuntimeResource.Kind.CONTAINER);
  }

  private static GantryClient client() {
    return GantryClient.builder(gantry.http().base()).build();
  }

  @Test
  void aFailedBuildIsKeptGantryShellReadsWhatTheBuildWroteAndTheKeepTimeEndsIt() throws Exception {
    long number = submit("""
        image: busybox
        tasks:
          - write: echo "made by the build" > ~/note
          - breaks: |
              false
        """);
    JsonNode build = awaitEnd(number);
    assertThat(build.path("status").asText()).isEqualTo("failed");
    String log = lastTaskLog(build);
    assertThat(log).contains("The build environment is kept until about").contains("gantry shell ");
    String id = log.replaceAll("(?s).*`gantry shell ([^`]+)`.*", "$1");
    assertThat(containerOf(id)).isTrue();

    Path input = dataDir.resolve("typed");
    Files.writeString(input, "cat /root/note; exit 3\n");
    CliProcess.Result shell = CliProcess.start(dataDir, Map.of(), input.toFile(), "shell", id,
        "--server", gantry.http().base()).await(Duration.ofSeconds(60));

    assertThat(shell.out()).as(shell.err()).contains("made by the build");
    assertThat(shell.exitCode()).as(shell.out() + shell.err()).isEqualTo(3);

    // A restart meanwhile loses nothing: the restarted process works the keep time out from the stored run.
    gantry.restart();
    assertThat(containerOf(id)).as("still kept after the restart").isTrue();
    // After the keep time the leftover sweeper removes the container and the workspace.
    await().atMost(KEEP.plusSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> gantry.leftovers(id).isEmpty());
    assertThatThrownBy(() -> client().shell(id, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(GantryException.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.apiMessage()).contains("keep time ended");
        });
  }

  @Test
  void shellTrueKeepsASuccessfulBuildAndTheClientApiDrivesTheShell() throws Exception {
    long number = submit("""
        image: busybox
        shell: true
        tasks:
          - write: echo "42 lines" > ~/count
        """);
    JsonNode build = awaitEnd(number);
    assertThat(build.path("status").asText()).isEqualTo("success");
    String id = lastTaskLog(build).replaceAll("(?s).*`gantry shell ([^`]+)`.*", "$1");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = client().shell(id, new ByteArrayInputStream("cat ~/count; pwd; exit\n".getBytes(StandardCharsets.UTF_8)),
        out, 100, 30);

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("42 lines").contains("/root");
    assertThat(code).isZero();
    // Without the upgrade: 426, saying how to ask; with a broken one (no Upgrade header, a bad key): a 4xx, no upgrade.
    URI shell = URI.create(gantry.http().base() + "/jobs/" + id + "/shell");
    HttpResponse<String> plain = send(HttpRequest.newBuilder(shell));
    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(426);
    assertThat(plain.headers().firstValue("Upgrade")).hasValue("websocket");
    HttpResponse<String> broken = send(HttpRequest.newBuilder(shell).header("Sec-WebSocket-Key", "not base64!")
        .header("Sec-WebSocket-Version", "99"));
    assertThat(broken.statusCode()).as(broken.body()).isBetween(400, 499);
    // A second shell opens in the same environment.
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    assertThat(client().shell(id, new ByteArrayInputStream("exit 7\n".getBytes(StandardCharsets.UTF_8)), again)).isEqualTo(7);
  }

  @Test
  void aSuccessfulBuildWithoutShellKeepsNothingAndRefusalsAreClear4xx() throws Exception {
    Set<String> before = gantry.jobIds();
    long number = submit("""
        image: busybox
        tasks:
          - fine: echo fine
        """);
    assertThat(awaitEnd(number).path("status").asText()).isEqualTo("success");
    Set<String> after = new java.util.HashSet<>(gantry.jobIds());
    after.removeAll(before);
    assertThat(after).hasSize(1);
    String id = after.iterator().next();
    gantry.awaitNoLeftovers(id);
    URI shell = URI.create(gantry.http().base() + "/jobs/" + id + "/shell");

    HttpResponse<String> notKept = send(HttpRequest.newBuilder(shell));
    assertThat(notKept.statusCode()).as(notKept.body()).isEqualTo(409);
    assertThat(JSON.readTree(notKept.body()).path("message").asText()).contains("was not kept");
    // The same refusal before a WebSocket upgrade: an HTTP answer, not an upgrade.
    HttpResponse<String> upgradeRefused = send(HttpRequest.newBuilder(shell)
        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13"));
    assertThat(upgradeRefused.statusCode()).as(upgradeRefused.body()).isEqualTo(409);
    assertThat(JSON.readTree(upgradeRefused.body()).path("message").asText()).contains("was not kept");

    HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(gantry.http().base() + "/jobs/nosuchjob/shell")));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThatThrownBy(() -> client().shell("nosuchjob", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(GantryException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
