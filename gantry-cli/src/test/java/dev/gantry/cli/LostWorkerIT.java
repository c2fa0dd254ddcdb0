package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.docker.DockerRuntime;
import dev.gantry.store.PostgresTestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workers that go away in the middle of a task, as real processes: one killed (-9), whose task
 * another worker finishes; one stopped (SIGTERM), which finishes its task first. Each test starts
 * its own workers on a queue of its own; the server is shared.
 */
class LostWorkerIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  /**
   * The victim's attempt outlasts the survivor's start and the kill however slow the machine (with a
   * sleep of a few seconds it could end first, on the victim); the survivor's attempt finds the marker
   * in the job's workspace and ends at once.
   */
  private static final String LONG_ONCE = "if [ ! -f /shared/long.started ]; then touch /shared/long.started;"
      + " echo first attempt; sleep 300; fi; cat /shared/note > $GANTRY_OUTPUT";

  static GantryProcesses processes;
  static Http http;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(database.schema() != null, "needs PostgreSQL");
    Services.requireDocker();
    processes = new GantryProcesses(database.settings(), LostWorkerIT.class);
    http = processes.server("--heartbeat", "1s").awaitStarted().http();
  }

  @AfterAll
  static void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  @Test
  void theTaskOfAKilledWorkerIsFinishedByAnotherAndTheDeadNodeShowsOffline() {
    GantryProcess victim = processes.worker("--heartbeat", "1s", "--lease", "3s", "--queues", "lost").awaitStarted();
    String id = http.submit("""
        name: loses its worker
        tasks:
          - {name: first, image: "busybox:latest", network: none, queue: lost, run: "echo -n survived > /shared/note"}
          - {name: long, image: "busybox:latest", network: none, queue: lost, run: "%s"}
        """.formatted(LONG_ONCE));
    try (DockerRuntime docker = Services.docker()) {
      await().atMost(DEADLINE).until(() -> http.job(id).path("position").asInt() == 2 && containersOf(docker, id) > 0
          && RestartedTaskLog.of(http, id).contains("first attempt"));
      GantryProcess survivor = processes.worker("--heartbeat", "1s", "--lease", "3s", "--queues", "lost").awaitStarted();

      victim.kill();

      JsonNode job = await().atMost(DEADLINE).until(() -> http.job(id), j -> StandaloneFixture.ENDED.contains(j.path("state").asText()));
      assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(job.path("result").asText()).isEqualTo("survived");
      List<String> runs = new ArrayList<>();
      job.path("execution").forEach(run -> runs.add(run.path("name").asText() + " " + run.path("state").asText() + " "
          + run.path("error").asText("-") + " on " + (run.path("nodeId").asText().equals(victim.nodeId()) ? "victim" : "survivor")));
      assertThat(runs).containsExactly("first COMPLETED - on victim", "long FAILED worker lost on victim", "long COMPLETED - on survivor");
      await().atMost(DEADLINE).until(() -> nodeStatus(victim.nodeId()).equals("OFFLINE"));
      // Awaited: on a loaded machine the survivor may miss its 1 s heartbeats for a moment.
      await().atMost(DEADLINE).until(() -> nodeStatus(survivor.nodeId()).equals("UP"));
      // The killed worker's container outlived it; the survivor's sweeper removes it (it sweeps every 10 s).
      await().atMost(DEADLINE).until(() -> containersOf(docker, id) == 0);
      survivor.stop();
      assertThat(survivor.waitForExit(DEADLINE)).isTrue();
    }
  }

  @Test
  void aStoppedWorkerFinishesItsRunningTaskTakesNoOtherAndDeregisters() {
    GantryProcess draining = processes.worker("--heartbeat", "1s", "--queues", "drain", "--concurrency", "1",
        "--shutdown-grace", "60s").awaitStarted();
    String running = http.submit("""
        name: finishes during the stop
        tasks:
          - {name: slow, image: "busybox:latest", network: none, queue: drain, run: "sleep 4; echo -n finished > $GANTRY_OUTPUT"}
        """);
    try (DockerRuntime docker = Services.docker()) {
      await().atMost(DEADLINE).until(() -> containersOf(docker, running) > 0);
    }
    String waiting = http.submit("""
        name: waits for a worker
        tasks:
          - {name: quick, image: "busybox:latest", network: none, queue: drain, run: "true"}
        """);

    draining.stop();

    assertThat(draining.waitForExit(DEADLINE)).as("the worker exits once its task is done").isTrue();
    JsonNode finished = http.job(running);
    assertThat(finished.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(finished.path("result").asText()).isEqualTo("finished");
    assertThat(finished.path("execution")).hasSize(1);
    assertThat(finished.path("execution").get(0).path("nodeId").asText()).isEqualTo(draining.nodeId());
    assertThat(http.job(waiting).path("state").asText()).isEqualTo("SCHEDULED");
    assertThat(nodeStatus(draining.nodeId())).isEqualTo("OFFLINE");
    assertThat(http.get("/queues/drain").body().toString()).isEqualTo("{\"name\":\"drain\",\"size\":1,\"subscribers\":0,\"unacked\":0,"
        + "\"priority\":500,\"maxConcurrency\":0,\"enabled\":true}");
    assertThat(http.delete("/queues/drain").status()).isEqualTo(200);
  }

  private static String nodeStatus(String nodeId) {
    for (JsonNode node : http.get("/nodes").body()) {
      if (node.path("id").asText().equals(nodeId)) {
        return node.path("status").asText();
      }
    }
    return "missing";
  }

  private static long containersOf(DockerRuntime docker, String jobId) {
    return docker.resources().stream().filter(r -> r.kind() == RuntimeResource.Kind.CONTAINER && jobId.equals(r.jobId())).count();
  }
}
