package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Hades dialect end to end: the seed page's examples exactly as written (images changed to
 * busybox:latest), and what the real Hades server does beyond them, in real containers.
 */
class HadesIT extends OneStandalone {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static URI uri(String path) {
    return URI.create(gantry.http().base() + path);
  }

  private static HttpResponse<String> post(String json) {
    return send(HttpRequest.newBuilder(uri("/build")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Submits as the seed's curl does and returns the id from the answer. */
  private static String build(String json) {
    HttpResponse<String> response = post(json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return read(response.body()).path("id").asText();
  }

  private static String status(String id) {
    return read(send(HttpRequest.newBuilder(uri("/build/" + id + "/status")).GET()).body()).path("status").asText();
  }

  private static String awaitEnd(String id) {
    return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> status(id), s -> Set.of("success", "failed").contains(s));
  }

  private static String logs(String id) {
    return send(HttpRequest.newBuilder(uri("/build/" + id + "/logs")).GET()).body();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  @Test
  void seedHelloWorld() {
    String id = build("""
        {
        "name": "Hello World",
        "steps": [
        {
        "id": 1,
        "name": "Say Hello",
        "image": "busybox:latest",
        "script": "echo Hello from Hades!"
        }
        ]
        }""");
    assertThat(awaitEnd(id)).isEqualTo("success");
    assertThat(logs(id)).isEqualTo("Hello from Hades!\n");
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void seedMultiStepSharesSlashShared() {
    String id = build("""
        {
        "name": "Multi-Step Example",
        "steps": [
        {
        "id": 1,
        "name": "Setup",
        "image": "busybox:latest",
        "script": "echo Setting up... > /shared/output.txt"
        },
        {
        "id": 2,
        "name": "Process",
        "image": "busybox:latest",
        "script": "cat /shared/output.txt && echo Processing... >> /shared/output.txt"
        },
        {
        "id": 3,
        "name": "Finalize",
        "image": "busybox:latest",
        "script": "cat /shared/output.txt && echo Done!"
        }
        ]
        }""");
    assertThat(awaitEnd(id)).isEqualTo("success");
    // step 2 sees step 1's line; step 3 sees both lines written before it
    assertThat(logs(id)).isEqualTo("Setting up...\nSetting up...\nProcessing...\nDone!\n");
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void seedMetadataIsEnvInEveryStep() {
    String id = build("""
        {
        "name": "Job with Metadata",
        "metadata": {
        "GLOBAL": "shared-value",
        "REPO_URL": "https://github.com/example/repo"
        },
        "steps": [
        {
        "id": 1,
        "name": "Print Env",
        "image": "busybox:latest",
        "script": "echo $GLOBAL && echo $REPO_URL"
        }
        ]
        }""");
    assertThat(awaitEnd(id)).isEqualTo("success");
    assertThat(logs(id)).isEqualTo("shared-value\nhttps://github.com/example/repo\n");
  }

  @Test
  void stepMetadataOverridesJobMetadataAndEveryStepKnowsItsJob() {
    String id = build("""
        {"name": "env job", "metadata": {"WHO": "job", "KEEP": "kept"},
         "steps": [{"id": 1, "image": "busybox:latest", "network": "none", "metadata": {"WHO": "step"},
                    "script": "echo $WHO $KEEP; echo $UUID; echo $JOB_NAME; pwd"},
                   {"id": 2, "image": "busybox:latest", "network": "none", "script": "echo $WHO"}]}""");
    assertThat(awaitEnd(id)).isEqualTo("success");
    assertThat(logs(id)).isEqualTo("step kept\n" + id + "\nenv job\n/shared\njob\n");
  }

  @Test
  void aFailingStepFailsTheJobAndLaterStepsNeverRun() {
    String id = build("""
        {"name": "fails", "steps": [
          {"id": 1, "image": "busybox:latest", "network": "none", "script": "echo before; exit 3"},
          {"id": 2, "image": "busybox:latest", "network": "none", "script": "echo never"}]}""");
    assertThat(awaitEnd(id)).isEqualTo("failed");
    assertThat(logs(id)).isEqualTo("before\n");
    assertThat(gantry.http().job(id).path("execution")).hasSize(1);
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void continueOnErrorGoesOnToTheNextStep() {
    String id = build("""
        {"name": "lenient", "steps": [
          {"id": 1, "image": "busybox:latest", "network": "none", "script": "echo lint; exit 1", "continue_on_error": true},
          {"id": 2, "image": "busybox:latest", "network": "none", "script": "echo build"}]}""");
    assertThat(awaitEnd(id)).isEqualTo("success");
    assertThat(logs(id)).isEqualTo("lint\nbuild\n");
    JsonNode runs = gantry.http().job(id).path("execution");
    assertThat(runs.path(0).path("state").asText()).isEqualTo("FAILED");
    assertThat(runs.path(1).path("state").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void theJobTimeoutKillsTheRunningStep() {
    String id = build("""
        {"name": "slow", "timeout_seconds": 2, "steps": [
          {"id": 1, "image": "busybox:latest", "network": "none", "script": "echo started; sleep 60"},
          {"id": 2, "image": "busybox:latest", "network": "none", "script": "echo never"}]}""");
    assertThat(awaitEnd(id)).isEqualTo("failed");
    JsonNode job = gantry.http().job(id);
    assertThat(job.path("error").asText()).isEqualTo("job timed out after 2 seconds");
    assertThat(logManagerStatus(id)).isEqualTo("Failed"); // as Hades reports a timed-out job
    assertThat(job.path("execution")).hasSize(1);
    assertThat(logs(id)).isEqualTo("started\n");
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void theMemoryLimitIsEnforced() {
    String id = build("""
        {"name": "hog", "steps": [{"id": 1, "image": "busybox:latest", "network": "none", "memory_limit": "8M",
          "script": "head -c 64m /dev/zero | tail"}]}""");
    assertThat(awaitEnd(id)).isEqualTo("failed");
    assertThat(gantry.http().job(id).path("error").asText()).contains("memory limit of 8 MiB");
  }

  @Test
  void networkNoneLeavesOnlyTheLoopback() {
    String id = build("""
        {"name": "offline", "steps": [{"id": 1, "image": "busybox:latest", "network": "none", "script": "ls /sys/class/net"}]}""");
    assertThat(awaitEnd(id)).isEqualTo("success");
    assertThat(logs(id)).isEqualTo("lo\n");
  }

  @Test
  void theLogsComeAsTextJsonAndEvents() {
    String id = build("""
        {"name": "forms", "steps": [
          {"id": 1, "image": "busybox:latest", "network": "none", "script": "echo out; echo err >&2"},
          {"id": 2, "image": "busybox:latest", "network": "none", "script": "echo second"}]}""");
    assertThat(awaitEnd(id)).isEqualTo("success");

    assertThat(logs(id)).contains("out\n", "err\n").endsWith("second\n");
    JsonNode document = read(send(HttpRequest.newBuilder(uri("/build/" + id + "/logs")).header("Accept", "application/json").GET()).body());
    JsonNode steps = document.path("logs");
    assertThat(steps).hasSize(2);
    List<String> firstStep = new ArrayList<>();
    steps.path(0).path("logs").forEach(line -> firstStep.add(line.path("output_stream").asText() + ":" + line.path("message").asText()));
    assertThat(firstStep).containsExactlyInAnyOrder("stdout:out", "stderr:err");
    assertThat(steps.path(1).path("logs").path(0).path("message").asText()).isEqualTo("second");
    String events = send(HttpRequest.newBuilder(uri("/build/" + id + "/logs")).header("Accept", "text/event-stream").GET()).body();
    assertThat(events).contains("event: log", "\"message\":\"second\"", "event: end", "\"status\":\"success\"");
  }

  @Test
  void aFollowerGetsTheFirstLineOfALongStepBeforeTheStepEnds() throws Exception {
    String id = build("""
        {"name": "long", "steps": [{"id": 1, "image": "busybox:latest", "network": "none",
          "script": "echo first line; sleep 120; echo never"}]}""");
    HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(uri("/build/" + id + "/logs")).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader live = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(live.readLine()).isEqualTo("first line");
      // The step sleeps for two minutes after that line: it is still running, so the line came live.
      assertThat(status(id)).isEqualTo("running");
      gantry.http().put("/jobs/" + id + "/cancel");
      assertThat(live.readLine()).isNull(); // the stream ends with the job
    }
    assertThat(status(id)).isEqualTo("failed");
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void theCallbackReceivesTheLogsWhenTheJobEnds() throws Exception {
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      String id = build("""
          {"name": "called back", "callback_url": "http://127.0.0.1:%d/hook",
           "steps": [{"id": 1, "image": "busybox:latest", "network": "none", "script": "echo result 42"}]}"""
          .formatted(receiver.getAddress().getPort()));
      String body = received.poll(60, TimeUnit.SECONDS);
      assertThat(body).as("callback within 60 s").isNotNull();
      JsonNode entry = read(body).path("logs").path(0);
      assertThat(entry.path("job_id").asText()).isEqualTo(id);
      assertThat(entry.path("logs").path(0).path("message").asText()).isEqualTo("result 42");
      assertThat(status(id)).isEqualTo("success");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void anInvalidJobIsAPlainText400() {
    HttpResponse<String> response = post("{\"name\": \"j\", \"steps\": [{\"id\": 1, \"image\": \"busybox:latest\", \"memory_limit\": \"2Q\"}]}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(response.body()).startsWith("steps[0].memory_limit: Failed to parse RAM limit: invalid size '2Q'");
    assertThat(gantry.http().get("/jobs?size=1").body().path("items").toString()).doesNotContain("\"name\":\"j\"");
  }

  /** Hades 1.0's {@code RESTPayload} as the issue quotes it: every job and step field, with the client's job id. */
  @Test
  void hades10sOwnPayloadRunsAndItsAnswerHasTheJobId() {
    HttpResponse<String> response = post("""
        {"id": "00000000-0000-0000-0000-000000000000", "name": "restpayload", "timestamp": "2026-08-20T10:00:00Z",
         "priority": 3, "metadata": {"GLOBAL": "g"}, "timeout_seconds": 60,
         "steps": [{"id": 1, "name": "build", "image": "busybox:latest", "script": "echo $GLOBAL $STEP; cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max",
                    "metadata": {"STEP": "s"}, "continue_on_error": false, "cpu_limit": 1, "memory_limit": "256M",
                    "memory_swap": "512M", "pids_limit": 100, "network": "none"}]}""");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = read(response.body());
    String id = answer.path("job_id").asText();
    assertThat(id).matches("[0-9a-f-]{36}").isNotEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(answer.path("message").asText()).isEqualTo("Successfully enqueued job");
    assertThat(awaitEnd(id)).isEqualTo("success");
    assertThat(logs(id)).isEqualTo("g s\n100\n");
    assertThat(logManagerStatus(id)).isEqualTo("Succeeded");
  }

  @Test
  void anUnknownFieldIsAcceptedAndNamedInTheWarnings() {
    HttpResponse<String> response = post("""
        {"name": "lenient", "colour": "blue", "steps": [{"id": 1, "image": "busybox:latest", "network": "none",
         "script": "echo ran", "imgae": "typo"}]}""");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = read(response.body());
    assertThat(answer.path("warnings")).extracting(JsonNode::asText)
        .contains("colour: ignored: not a field of a Hades job", "steps[0].imgae: ignored: not a field of a Hades job");
    assertThat(awaitEnd(answer.path("job_id").asText())).isEqualTo("success");
  }

  @Test
  void everyValidationRuleOfHades10IsA400WithItsMessage() {
    String step = "\"id\": 1, \"image\": \"busybox:latest\"";
    List<String[]> cases = List.of(
        new String[] {"{\"steps\": [{" + step + "}]}", "name: \"name\" is required"},
        new String[] {"{\"name\": \"j\", \"steps\": [{" + step + ", \"memory_limit\": \"12X\"}]}",
            "steps[0].memory_limit: Failed to parse RAM limit"},
        new String[] {"{\"name\": \"j\", \"steps\": [{" + step + ", \"memory_limit\": \"1G\", \"memory_swap\": \"2X\"}]}",
            "steps[0].memory_swap: Failed to parse memory_swap limit"},
        new String[] {"{\"name\": \"j\", \"steps\": [{" + step + ", \"memory_swap\": \"1G\"}]}",
            "steps[0].memory_swap: memory_swap requires memory_limit to be set"},
        new String[] {"{\"name\": \"j\", \"steps\": [{" + step + ", \"memory_limit\": \"1G\", \"memory_swap\": \"512M\"}]}",
            "steps[0].memory_swap: memory_swap must be greater than or equal to memory_limit"},
        new String[] {"{\"name\": \"j\", \"steps\": [{" + step + ", \"pids_limit\": -1}]}",
            "steps[0].pids_limit: pids_limit cannot be negative"},
        new String[] {"{\"name\": \"j\", \"timeout_seconds\": -1, \"steps\": [{" + step + "}]}",
            "timeout_seconds: timeout_seconds cannot be negative"},
        new String[] {"{\"name\": \"j\", \"timeout_seconds\": 9223372037, \"steps\": [{" + step + "}]}",
            "timeout_seconds: timeout_seconds must not exceed 9223372036"},
        new String[] {"{\"name\": \"j\", \"steps\": [{" + step + ", \"network\": \"bad net\"}]}",
            "steps[0].network: invalid network mode: must be none, bridge, host, default, or a valid network name"},
        new String[] {"{\"name\": \"j\", \"callback_url\": \"ftp://127.0.0.1/x\", \"steps\": [{" + step + "}]}",
            "callback_url: Invalid callback_url: callback URL scheme must be http or https"},
        new String[] {"{\"name\": \"j\", \"callback_url\": \"/x\", \"steps\": [{" + step + "}]}",
            "callback_url: Invalid callback_url: callback URL must be absolute"},
        new String[] {"{\"name\": \"j\", \"callback_url\": \"http:/x\", \"steps\": [{" + step + "}]}",
            "callback_url: Invalid callback_url: callback URL must include a host"});
    long before = gantry.http().get("/jobs?size=1").body().path("totalItems").asLong();
    for (String[] c : cases) {
      HttpResponse<String> response = post(c[0]);
      assertThat(response.statusCode()).as(c[0] + " -> " + response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      assertThat(response.body()).as(c[0]).startsWith(c[1]);
    }
    assertThat(gantry.http().get("/jobs?size=1").body().path("totalItems").asLong()).isEqualTo(before);
  }

  @Test
  void pingHasHades10sShapeAndTheOlderOne() {
    JsonNode ping = read(send(HttpRequest.newBuilder(uri("/ping")).GET()).body());
    assertThat(ping.path("status").asText()).isEqualTo("ok");
    assertThat(ping.path("message").asText()).isEqualTo("pong");
    assertThat(ping.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  }

  @Test
  void theLogManagerAnswersForARunningAndAnEndedJobAndNotForAnUnknownOne() throws Exception {
    String id = build("""
        {"name": "watched", "steps": [{"id": 1, "image": "busybox:latest", "network": "none",
          "script": "echo first; sleep 120"}]}""");
    HttpResponse<InputStream> live = HTTP.send(HttpRequest.newBuilder(uri("/build/" + id + "/logs")).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("first");
      assertThat(logManagerStatus(id)).isEqualTo("Running");
      JsonNode running = logManagerLogs(id);
      assertThat(running.path("logs").path(0).path("job_id").asText()).isEqualTo(id);
      assertThat(running.path("logs").path(0).path("logs").path(0).path("message").asText()).isEqualTo("first");
      gantry.http().put("/jobs/" + id + "/cancel");
      assertThat(lines.readLine()).isNull();
    }
    assertThat(logManagerStatus(id)).isEqualTo("Stopped");
    JsonNode ended = logManagerLogs(id);
    assertThat(ended.path("logs")).hasSize(1);
    assertThat(ended).isEqualTo(read(send(HttpRequest.newBuilder(uri("/build/" + id + "/logs"))
        .header("Accept", "application/json").GET()).body()));

    for (String path : List.of("/jobs/0b6c9f5e-1d2a-4c3b-8e7f-123456789abc/status", "/jobs/0b6c9f5e-1d2a-4c3b-8e7f-123456789abc/logs")) {
      HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri(path)).GET());
      assertThat(unknown.statusCode()).as(path).isEqualTo(404);
      assertThat(read(unknown.body()).path("error").asText()).isEqualTo("job not found: 0b6c9f5e-1d2a-4c3b-8e7f-123456789abc");
    }
  }

  @Test
  void bridgeAndDefaultNetworksGiveTheStepAnInterface() {
    String id = build("""
        {"name": "networks", "steps": [
          {"id": 1, "image": "busybox:latest", "network": "bridge", "script": "ls /sys/class/net"},
          {"id": 2, "image": "busybox:latest", "network": "default", "script": "ls /sys/class/net"}]}""");
    assertThat(awaitEnd(id)).isEqualTo("success");
    assertThat(logs(id)).isEqualTo("eth0\nlo\neth0\nlo\n");
  }

  private static String logManagerStatus(String id) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/jobs/" + id + "/status")).GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return read(response.body()).path("status").asText();
  }

  private static JsonNode logManagerLogs(String id) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/jobs/" + id + "/logs")).GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return read(response.body());
  }
}
