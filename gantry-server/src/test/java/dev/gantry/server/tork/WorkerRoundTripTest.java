package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.engine.RunProgress;
import dev.gantry.core.engine.Worker;
import dev.gantry.core.engine.WorkerSettings;
import dev.gantry.core.testing.ScriptedRuntime;
import dev.gantry.server.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API in front of a real worker (tasks scripted, no containers): submit, follow, cancel. */
class WorkerRoundTripTest {

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

  private JsonNode awaitState(String id, String state) {
    return await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/jobs/" + id).json(),
        job -> job.path("state").asText().equals(state));
  }

  @Test
  void theHelloJobCompletesWithItsResultAndLog() {
    runtime.when("say hello", ScriptedRuntime.succeeds("hello world", "saying hello"));
    worker.start();

    String id = server.submitted(SubmitJobApiTest.HELLO);
    JsonNode job = awaitState(id, "COMPLETED");

    assertThat(job.path("result").asText()).isEqualTo("hello world");
    assertThat(job.path("execution").path(0).path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("execution").path(0).path("nodeId").asText()).isEqualTo("node-1");
    assertThat(server.get("/jobs/" + id + "/log").json().path("items").path(0).path("contents").asText())
        .contains("saying hello");
  }

  @Test
  void cancelStopsARunningTask() {
    runtime.when("say hello", ScriptedRuntime.runsUntilCancelled());
    worker.start();
    String id = server.submitted(SubmitJobApiTest.HELLO);
    awaitState(id, "RUNNING");

    assertThat(server.put("/jobs/" + id + "/cancel").status()).isEqualTo(200);

    JsonNode job = awaitState(id, "CANCELLED");
    assertThat(job.path("execution").path(0).path("state").asText()).isEqualTo("CANCELLED");
    await().atMost(Duration.ofSeconds(10)).until(worker::runningCount, n -> n == 0);
  }
}
