package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.docker.DockerRuntime;
import dev.gantry.store.PostgresTestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One {@code gantry server} and two {@code gantry worker} processes sharing a real PostgreSQL
 * database and the real Docker engine: work is shared out, each run happens once, queues route,
 * and a cancel reaches the worker process running the task.
 */
class ClusterIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final Duration JOB_DEADLINE = Duration.ofSeconds(120);

  static GantryProcesses processes;
  static GantryProcess server;
  static GantryProcess plainWorker;
  static GantryProcess specialWorker;
  static Http http;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(database.schema() != null, "needs PostgreSQL");
    Services.requireDocker();
    processes = new GantryProcesses(database.settings(), ClusterIT.class);
    // A long lease: only a signal can stop a cancelled task within seconds (renewals come every 20 s).
    server = processes.server("--heartbeat", "1s");
    plainWorker = processes.worker("--heartbeat", "1s", "--lease", "60s", "--concurrency", "2", "--queues", "default");
    specialWorker = processes.worker("--heartbeat", "1s", "--lease", "60s", "--concurrency", "2", "--queues", "default,special");
    server.awaitStarted();
    plainWorker.awaitStarted();
    specialWorker.awaitStarted();
    http = server.http();
  }

  @AfterAll
  static void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  private static JsonNode awaitEnd(String id) {
    return await().atMost(JOB_DEADLINE).pollInterval(Duration.ofMillis(250))
        .until(() -> http.job(id), job -> StandaloneFixture.ENDED.contains(job.path("state").asText()));
  }

  private static String submit(String name, String queue, String script) {
    return http.submit("name: " + name + "\ntasks:\n  - {name: only, image: \"busybox:latest\", network: none, queue: " + queue
        + ", run: '" + script + "'}\n");
  }

  @Test
  void fiftyJobsRunToCompletionEachTaskExactlyOnceOnBothWorkers() {
    List<String> ids = IntStream.range(0, 50).mapToObj(i -> submit("batch " + i, "default", "echo -n " + i + " > $TORK_OUTPUT")).toList();

    Map<String, Integer> runsPerNode = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      JsonNode job = awaitEnd(ids.get(i));
      assertThat(job.path("state").asText()).as("job %d", i).isEqualTo("COMPLETED");
      assertThat(job.path("result").asText()).isEqualTo(Integer.toString(i));
      JsonNode execution = job.path("execution");
      assertThat(execution).as("runs of job %d", i).hasSize(1);
      assertThat(execution.get(0).path("attempt").asInt()).isEqualTo(1);
      runsPerNode.merge(execution.get(0).path("nodeId").asText(), 1, Integer::sum);
    }
    assertThat(runsPerNode.keySet()).containsExactlyInAnyOrder(plainWorker.nodeId(), specialWorker.nodeId());
  }

  @Test
  void aTaskOnAQueueRunsOnlyOnAWorkerServingIt() {
    List<String> ids = IntStream.range(0, 4).mapToObj(i -> submit("special " + i, "special", "echo -n special > $TORK_OUTPUT")).toList();

    for (String id : ids) {
      JsonNode job = awaitEnd(id);
      assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(job.path("execution").get(0).path("nodeId").asText()).isEqualTo(specialWorker.nodeId());
      assertThat(job.path("execution").get(0).path("queue").asText()).isEqualTo("special");
    }
  }

  @Test
  void aTaskOnAQueueNobodyServesWaitsAndShowsThereUntilTheQueueIsDeleted() {
    String waiting = submit("waits", "nobody", "true");
    String after = submit("after it", "default", "true");
    assertThat(awaitEnd(after).path("state").asText()).isEqualTo("COMPLETED"); // the workers were busy meanwhile

    assertThat(http.job(waiting).path("state").asText()).isEqualTo("SCHEDULED");
    assertThat(http.get("/queues").body().toString()).contains("{\"name\":\"nobody\",\"size\":1,\"subscribers\":0,\"unacked\":0,\"priority\":500,\"maxConcurrency\":0,\"enabled\":true}");
    assertThat(http.get("/queues/nobody").body().toString()).isEqualTo("{\"name\":\"nobody\",\"size\":1,\"subscribers\":0,\"unacked\":0,\"priority\":500,\"maxConcurrency\":0,\"enabled\":true}");

    assertThat(http.delete("/queues/nobody").status()).isEqualTo(200);

    assertThat(http.job(waiting).path("state").asText()).isEqualTo("CANCELLED");
    assertThat(http.get("/queues/nobody").status()).isEqualTo(404);
  }

  @Test
  void aCancelReachesTheTaskOnTheWorkerProcessWithinSeconds() {
    String id = submit("cancelled", "special", "sleep 300");
    try (DockerRuntime docker = Services.docker()) {
      await().atMost(JOB_DEADLINE).until(() -> containersOf(docker, id) > 0);

      long start = System.nanoTime();
      assertThat(http.put("/jobs/" + id + "/cancel").status()).isEqualTo(200);
      // Measured ~0.4 s here; the deadline is for a loaded machine, far below the task's own 300 s.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> containersOf(docker, id) == 0);
      System.out.printf("cancel to container gone: %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }
    JsonNode job = http.job(id);
    assertThat(job.path("state").asText()).isEqualTo("CANCELLED");
    assertThat(job.path("execution").get(0).path("nodeId").asText()).isEqualTo(specialWorker.nodeId());
  }

  @Test
  void nodesAndQueuesShowEveryProcess() {
    // Awaited, not read once: on a loaded machine a node may miss its 1 s heartbeats for a moment and show
    // OFFLINE until its next one.
    await().atMost(JOB_DEADLINE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      JsonNode nodes = http.get("/nodes").body();
      List<String> seen = new ArrayList<>();
      nodes.forEach(node -> seen.add(node.path("name").asText() + " " + node.path("id").asText() + " "
          + node.path("status").asText() + " " + node.path("queue").asText()));

      assertThat(seen).containsExactlyInAnyOrder(
          "Coordinator " + server.nodeId() + " UP ",
          "Worker " + plainWorker.nodeId() + " UP default",
          "Worker " + specialWorker.nodeId() + " UP default,special");
      Map<String, Integer> subscribers = new HashMap<>();
      http.get("/queues").body().forEach(q -> subscribers.put(q.path("name").asText(), q.path("subscribers").asInt()));
      assertThat(subscribers).containsEntry("default", 2).containsEntry("special", 1);
      assertThat(Set.of(nodes.get(0).path("hostname").asText(), nodes.get(0).path("version").asText())).doesNotContain("");
    });
  }

  private static long containersOf(DockerRuntime docker, String jobId) {
    return docker.resources().stream().filter(r -> r.kind() == RuntimeResource.Kind.CONTAINER && jobId.equals(r.jobId())).count();
  }
}
