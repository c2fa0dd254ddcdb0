package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.engine.RunProgress;
import dev.gantry.core.engine.Worker;
import dev.gantry.core.engine.WorkerSettings;
import dev.gantry.core.testing.ScriptedRuntime;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tork's {@code wait: {timeout}}: the submit answers once the job has ended, or 408. */
class WaitApiTest {

  private static final String JOB = """
      name: waited
      wait: {timeout: %s}
      tasks:
        - name: %s
          image: busybox:latest
          run: echo hi
      """;

  private final TestServer server = new TestServer();
  private final ScriptedRuntime runtime = new ScriptedRuntime();
  private final Worker worker = new Worker(server.store, runtime,
      new RunProgress(server.store, server.signals, Clock.systemUTC(), 3), server.signals, Clock.systemUTC(),
      new WorkerSettings("node-1", Set.of("default"), 2, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(5)));

  @AfterEach
  void stop() {
    worker.close();
    server.close();
  }

  @Test
  void theSubmitAnswersWithTheEndedJobAsGetShowsIt() {
    runtime.when("works", ScriptedRuntime.succeeds("the result", "working"));
    worker.start();

    Reply reply = server.submitYaml(JOB.formatted("30s", "works"));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode job = reply.json();
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText()).isEqualTo("the result");
    assertThat(job.path("execution").path(0).path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job).isEqualTo(server.get("/jobs/" + job.path("id").asText()).json());
  }

  @Test
  void aFailedJobIsAnAnswerToo() {
    runtime.when("breaks", ScriptedRuntime.fails(3, "broken"));
    worker.start();

    Reply reply = server.submitYaml(JOB.formatted("30s", "breaks"));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("state").asText()).isEqualTo("FAILED");
  }

  @Test
  void theSubmitWaitsForAJobThatEndsLater() {
    runtime.when("long", ScriptedRuntime.runsUntilCancelled());
    worker.start();

    CompletableFuture<Reply> answer = CompletableFuture.supplyAsync(() -> server.submitYaml(JOB.formatted("1m", "long")));
    String id = await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/jobs").json().path("items").path(0)
        .path("id").asText(), text -> !text.isEmpty());
    await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/jobs/" + id).json().path("state").asText(),
        "RUNNING"::equals);
    assertThat(answer).isNotDone();
    assertThat(server.put("/jobs/" + id + "/cancel").status()).isEqualTo(200);

    Reply reply = answer.join();
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("state").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void aJobStillRunningAtTheTimeoutIsA408AndKeepsRunning() {
    runtime.when("long", ScriptedRuntime.runsUntilCancelled());
    worker.start();

    Reply reply = server.submitYaml(JOB.formatted("1s", "long"));

    assertThat(reply.status()).as(reply.body()).isEqualTo(408);
    String id = server.get("/jobs").json().path("items").path(0).path("id").asText();
    assertThat(reply.message()).isEqualTo("timeout waiting for job " + id + " to complete");
    assertThat(reply.header("Location")).isEqualTo("/jobs/" + id);
    assertThat(server.get("/jobs/" + id).json().path("state").asText()).isIn("SCHEDULED", "RUNNING");
    server.put("/jobs/" + id + "/cancel");
  }

  @Test
  void waitWithoutATimeoutTakesTheDefault() {
    runtime.when("works", ScriptedRuntime.succeeds("r"));
    worker.start();

    Reply reply = server.submitYaml(JOB.replace("wait: {timeout: %s}", "wait: {}").formatted("works"));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("state").asText()).isEqualTo("COMPLETED");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "wait: {timeout: 6m}|wait.timeout: must be more than 0 and at most 5m",
      "wait: {timeout: 0s}|wait.timeout: must be more than 0 and at most 5m",
      "wait: {timeout: soon}|wait.timeout:",
      "wait: {timeout: 1s, until: done}|wait.until: unknown field",
      "wait: 30s|wait: must be an object, not a string",
  })
  void aBadWaitIsA400AndStoresNothing(String wait, String message) {
    Reply reply = server.submitYaml(JOB.replace("wait: {timeout: %s}", wait).formatted("t"));

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.message()).startsWith(message);
    assertThat(server.storedJobs()).isZero();
  }

  @Test
  void aScheduledJobCannotWait() {
    Reply reply = server.post("/scheduled-jobs", "text/yaml", JOB.formatted("1s", "t") + "schedule: {cron: \"0 * * * *\"}\n");

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.message()).isEqualTo("wait: a scheduled job's runs are not waited for: wait is for POST /jobs");
  }
}
