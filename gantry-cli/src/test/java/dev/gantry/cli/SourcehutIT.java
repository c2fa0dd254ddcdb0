package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.server.SmtpSink;
import dev.gantry.server.outbound.SmtpSettings;
import dev.gantry.server.sourcehut.SourcehutImages;
import dev.gantry.server.sourcehut.SourcehutSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builds.sr.ht dialect end to end: manifests submitted over real HTTP to a standalone Gantry,
 * each run as one session in one real container (busybox, which has no bash; and a Debian image
 * built with debootstrap, which has bash and git), logs and artifacts read back over HTTP.
 */
class SourcehutIT {

  static final String DEBIAN = "gantry-test/debian:bookworm";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Set<String> ENDED = Set.of("success", "failed", "timeout", "cancelled");

  @TempDir static Path dataDir;
  static StandaloneFixture gantry;
  static SmtpSink smtp;

  @BeforeAll
  static void start() throws IOException {
    Services.requireDocker();
    Path images = dataDir.resolve("images");
    Files.writeString(images, "# the test images\nbusybox busybox:latest none\ndebian/bookworm " + DEBIAN + " apt\n");
    smtp = new SmtpSink();
    gantry = new StandaloneFixture(dataDir.resolve("gantry"), HostAccessPolicy.NONE,
        new SourcehutSettings(null, Duration.ofSeconds(20), SourcehutImages.withFile(images))
            .withSmtp(SmtpSettings.parse(smtp.url(), "builds@example.org")));
  }

  @AfterAll
  static void stop() {
    if (gantry != null) {
      gantry.close();
    }
    if (smtp != null) {
      smtp.close();
    }
  }

  @AfterEach
  void nothingLeftBehind() {
    for (String job : gantry.jobIds()) {
      gantry.awaitNoLeftovers(job);
    }
  }

  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static URI uri(String path) {
    return URI.create(gantry.http().base() + path);
  }

  static Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  static Reply getUrl(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  static Reply post(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  static String body(String manifest, Map<String, Object> more) {
    ObjectNode body = JSON.createObjectNode().put("manifest", manifest);
    more.forEach((k, v) -> body.set(k, JSON.valueToTree(v)));
    return body.toString();
  }

  /** Submits; returns the job's integer id. */
  static long submit(String manifest, Map<String, Object> more) {
    Reply reply = post("/api/jobs", body(manifest, more));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().has("status")).isFalse();
    return reply.json().path("id").asLong();
  }

  static JsonNode job(long id) {
    Reply reply = get("/api/jobs/" + id);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  static JsonNode awaitEnd(long id) {
    return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> job(id), j -> ENDED.contains(j.path("status").asText()));
  }

  static List<String> taskStates(JsonNode job) {
    return job.path("tasks").findValuesAsText("status");
  }

  static String log(JsonNode job, String task) {
    String url = task == null ? job.path("setup_log").asText() : job.path("tasks").findParents("name").stream()
        .filter(t -> t.path("name").asText().equals(task)).findFirst().orElseThrow().path("log").asText();
    Reply reply = getUrl(url);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain");
    return reply.body();
  }

  @Test
  void filesAndAToolMadeInOneTaskAreThereInTheNextAndTheSetupLogSaysShRunsThem() {
    long id = submit("""
        image: busybox
        tasks:
          - make: |
              mkdir -p ~/bin
              printf '#!/bin/sh\\necho the tool works\\n' > ~/bin/tool
              chmod +x ~/bin/tool
              echo kept > ~/file
          - use: |
              ~/bin/tool
              cat ~/file
              pwd
        """, Map.of("note", "persistence", "tags", List.of("ci", "persist")));

    JsonNode job = awaitEnd(id);

    assertThat(job.path("status").asText()).isEqualTo("success");
    assertThat(taskStates(job)).containsExactly("success", "success");
    assertThat(job.path("note").asText()).isEqualTo("persistence");
    assertThat(job.path("tags").asText()).isEqualTo("ci/persist");
    assertThat(job.path("owner").path("canonical_name").asText()).isEqualTo("~gantry");
    assertThat(log(job, null)).contains("bash is not in this image: tasks run with sh");
    assertThat(log(job, "use")).contains("the tool works\n").contains("kept\n").contains("/root\n");
    assertThat(log(job, "make")).startsWith("+ mkdir -p /root/bin\n"); // set -x, as the runner runs tasks
  }

  @Test
  void aFailingTaskFailsTheJobAndLeavesTheLaterTasksPending() {
    long id = submit("""
        image: busybox
        tasks:
          - first: echo one
          - breaks: |
              echo about to fail
              false
              echo never printed
          - later: echo never runs
        """, Map.of());

    JsonNode job = awaitEnd(id);

    assertThat(job.path("status").asText()).isEqualTo("failed");
    assertThat(taskStates(job)).containsExactly("success", "failed", "pending");
    assertThat(log(job, "breaks")).contains("about to fail").doesNotContain("never printed");
    assertThat(log(job, "later")).isEmpty();
  }

  @Test
  void completeBuildEndsTheJobSuccessfullyAndSkipsTheRest() {
    long id = submit("""
        image: busybox
        tasks:
          - check: |
              echo nothing to do
              complete-build
              echo not after complete-build
          - build: echo skipped
          - test: echo skipped too
        """, Map.of());

    JsonNode job = awaitEnd(id);

    assertThat(job.path("status").asText()).isEqualTo("success");
    assertThat(taskStates(job)).containsExactly("success", "skipped", "skipped");
    assertThat(log(job, "check")).contains("nothing to do").doesNotContain("not after complete-build");
  }

  @Test
  void aHeldJobWaitsUntilStartedAndStartsOnce() {
    long id = submit("image: busybox\ntasks:\n  - hello: echo held then started\n", Map.of("execute", false));
    JsonNode held = job(id);
    assertThat(held.path("status").asText()).isEqualTo("pending");
    assertThat(held.path("setup_log").isNull()).isTrue();
    assertThat(taskStates(held)).containsExactly("pending");

    Reply started = post("/api/jobs/" + id + "/start", "{}");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(started.json().toString()).isEqualTo("{}");
    Reply again = post("/api/jobs/" + id + "/start", "{}");

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().path("errors").get(0).path("reason").asText()).startsWith("This job is already");
    JsonNode job = awaitEnd(id);
    assertThat(job.path("status").asText()).isEqualTo("success");
    assertThat(log(job, "hello")).contains("held then started");
  }

  @Test
  void theManifestComesBackAsSubmittedAndTheJobIsListed() {
    String manifest = "# a comment the runner ignores\nimage: busybox\ntasks:\n  - hi: echo hi   # trailing\n";
    long id = submit(manifest, Map.of("execute", false));

    Reply reply = get("/api/jobs/" + id + "/manifest");
    Reply list = get("/api/jobs");
    Reply from = get("/api/jobs?start=" + id);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain");
    assertThat(reply.body()).isEqualTo(manifest);
    assertThat(list.json().path("results_per_page").asInt()).isEqualTo(50);
    assertThat(list.json().path("total").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(list.json().path("results").findValuesAsText("id")).contains(Long.toString(id));
    assertThat(from.json().path("results").get(0).path("id").asLong()).isEqualTo(id);
    assertThat(post("/api/jobs/" + id + "/cancel", "{}").status()).isEqualTo(200);
    assertThat(job(id).path("status").asText()).isEqualTo("cancelled");
  }

  @Test
  void theBuildTimeoutEndsTheJobAsTimeout() {
    long id = submit("image: busybox\ntasks:\n  - slow: |\n      echo waiting\n      sleep 300\n", Map.of());

    JsonNode job = awaitEnd(id);

    assertThat(job.path("status").asText()).isEqualTo("timeout");
    assertThat(taskStates(job)).containsExactly("failed");
  }

  @Test
  void aCancelStopsTheRunningTaskAtOnce() {
    long id = submit("image: busybox\ntasks:\n  - long: |\n      echo started\n      sleep 300\n  - after: echo no\n", Map.of());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> job(id).path("setup_log").isTextual() && log(job(id), "long").contains("started"));

    Reply cancel = post("/api/jobs/" + id + "/cancel", "{}");

    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
    JsonNode job = awaitEnd(id);
    assertThat(job.path("status").asText()).isEqualTo("cancelled");
    await().atMost(Duration.ofSeconds(30)).until(() -> taskStates(job(id)).get(0).equals("failed"));
    assertThat(taskStates(job(id)).get(1)).isEqualTo("pending");
  }

  @Test
  void artifactsAreCollectedAfterSuccessAndDownloadByteForByte() throws Exception {
    long id = submit("""
        image: busybox
        tasks:
          - build: |
              mkdir -p out
              dd if=/dev/urandom of=out/blob.bin bs=1024 count=300 2>/dev/null
              sha256sum out/blob.bin
        artifacts:
          - out/blob.bin
        """, Map.of());
    JsonNode job = awaitEnd(id);
    assertThat(job.path("status").asText()).isEqualTo("success");
    // The sum sha256sum printed; the set -x lines (stderr) come before or after it.
    String printed = log(job, "build").lines().filter(l -> l.endsWith("out/blob.bin") && !l.startsWith("+"))
        .findFirst().orElseThrow().split("\\s+")[0];

    Reply list = get("/api/jobs/" + id + "/artifacts");
    JsonNode artifact = list.json().path("results").get(0);
    HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(artifact.path("url").asText())).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(artifact.path("name").asText()).isEqualTo("blob.bin");
    assertThat(artifact.path("path").asText()).isEqualTo("/root/out/blob.bin");
    assertThat(artifact.path("size").asLong()).isEqualTo(300 * 1024);
    assertThat(artifact.path("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body()))).isEqualTo(printed);
  }

  @Test
  void aMissingArtifactFailsTheBuild() {
    long id = submit("image: busybox\ntasks:\n  - build: echo no file\nartifacts: [nothing/here]\n", Map.of());

    JsonNode job = awaitEnd(id);

    assertThat(job.path("status").asText()).isEqualTo("failed");
    assertThat(taskStates(job)).containsExactly("success");
  }

  @Test
  void aWebhookTriggerWhoseConditionHoldsIsPostedTheJobsJson() throws Exception {
    java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
    com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      received.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort();
      long id = submit("""
          image: busybox
          tasks:
            - fails: exit 4
          triggers:
            - {action: webhook, condition: success, url: "%1$s/on-success"}
            - {action: webhook, condition: failure, url: "%1$s/on-failure"}
            - {action: webhook, condition: always, url: "%1$s/always"}
          """.formatted(url), Map.of("note", "hooked"));
      awaitEnd(id);

      List<String> calls = List.of(received.poll(30, java.util.concurrent.TimeUnit.SECONDS),
          received.poll(30, java.util.concurrent.TimeUnit.SECONDS));

      assertThat(calls).extracting(c -> c.substring(0, c.indexOf(' '))).containsExactlyInAnyOrder("/on-failure", "/always");
      JsonNode body = JSON.readTree(calls.get(0).substring(calls.get(0).indexOf(' ') + 1));
      assertThat(body.path("id").asLong()).isEqualTo(id);
      assertThat(body.path("status").asText()).isEqualTo("failed");
      assertThat(body.path("note").asText()).isEqualTo("hooked");
      assertThat(body.path("tasks").get(0).path("status").asText()).isEqualTo("failed");
      assertThat(received.poll(2, java.util.concurrent.TimeUnit.SECONDS)).as("the success trigger").isNull();
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void anEmailTriggerWhoseConditionHoldsIsSentOverSmtp() throws Exception {
    long id = submit("""
        image: busybox
        tasks:
          - build: echo built
          - check: exit 3
        triggers:
          - {action: email, condition: failure, to: "Alice <alice@example.org>, bob@example.org", cc: carol@example.org,
             in_reply_to: "<patch-7@lists.example.org>"}
          - {action: email, condition: success, to: nobody@example.org}
        """, Map.of("note", "nightly", "tags", List.of("gantry", "ci")));
    awaitEnd(id);

    SmtpSink.Message mail = smtp.next(Duration.ofSeconds(30));

    assertThat(mail).as("the failure email").isNotNull();
    assertThat(mail.from()).isEqualTo("builds@example.org");
    assertThat(mail.recipients()).containsExactly("alice@example.org", "bob@example.org", "carol@example.org");
    assertThat(mail.header("To")).isEqualTo("Alice <alice@example.org>, bob@example.org");
    assertThat(mail.header("Cc")).isEqualTo("carol@example.org");
    assertThat(mail.header("In-Reply-To")).isEqualTo("<patch-7@lists.example.org>");
    assertThat(mail.header("Subject")).isEqualTo("[gantry/ci] build failed");
    String base = gantry.http().base();
    assertThat(mail.body()).contains("Job #" + id + ": failed", "nightly",
        "build: success " + base + "/logs/" + id + "/build/log", "check: failed " + base + "/logs/" + id + "/check/log");
    assertThat(smtp.next(Duration.ofSeconds(2))).as("the success email").isNull();
  }

  @Test
  void storedSecretsAreInstalledWithTheirModeAndMaskedInTheLog() {
    Reply file = post("/secrets", "{\"name\":\"config-file\",\"type\":\"plaintext_file\",\"value\":\"s3cr3t-value-42\","
        + "\"path\":\"~/conf/app.secret\",\"mode\":\"640\"}");
    Reply key = post("/secrets", "{\"type\":\"ssh_key\",\"value\":\"-----BEGIN KEY-----\\nmaterial-xyz\\n-----END KEY-----\\n\"}");
    assertThat(file.status()).as(file.body()).isEqualTo(200);
    assertThat(key.status()).as(key.body()).isEqualTo(200);
    String uuid = key.json().path("uuid").asText();

    long id = submit("""
        image: busybox
        secrets: [config-file, %s]
        tasks:
          - use: |
              stat -c '%%a %%n' ~/conf/app.secret ~/.ssh/id_rsa ~/.ssh/%s
              cat ~/conf/app.secret
              grep material ~/.ssh/id_rsa
        """.formatted(uuid, uuid), Map.of());
    JsonNode job = awaitEnd(id);

    assertThat(job.path("status").asText()).isEqualTo("success");
    String log = log(job, "use");
    assertThat(log).contains("640 /root/conf/app.secret\n").contains("600 /root/.ssh/id_rsa\n")
        .contains("600 /root/.ssh/" + uuid + "\n");
    assertThat(log).doesNotContain("s3cr3t-value-42").contains("[REDACTED]");
    long without = submit("image: busybox\nsecrets: [config-file]\ntasks:\n  - look: ls ~/conf || echo none\n",
        Map.of("secrets", false));
    assertThat(log(awaitEnd(without), "look")).contains("none");
  }

  @Test
  void anUnknownImageIsRefusedInSourcehutsShape() {
    Reply reply = post("/api/jobs", body("image: plan9/latest\ntasks:\n  - a: echo\n", Map.of()));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().toString())
        .isEqualTo("{\"errors\":[{\"field\":\"manifest\",\"reason\":\"Image 'plan9/latest' does not exist\"}]}");
  }
}
