package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.docker.DockerRuntime;
import dev.gantry.store.PostgresTestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Docker engines standing for two machines (the first engine, and the second one .ci/services
 * starts), one server and one worker per engine, on PostgreSQL: a job's tasks follow its workspace
 * to the engine of its first task, and the jobs of an engine whose only worker was killed start
 * again from their first task on the other engine. Each test starts its own workers and stops them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoEnginesIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final Duration DEADLINE = Duration.ofSeconds(300);
  // 30 + 30 jobs (180 containers) finish in about a minute and a half on a busy 2-core machine;
  // -Dgantry.test.handoverJobs=50 runs the 100 (about 2.5 minutes there).
  private static final int JOBS_PER_DIALECT = Integer.getInteger("gantry.test.handoverJobs", 30);

  static GantryProcesses processes;
  static Http http;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(database.schema() != null, "needs PostgreSQL");
    Services.requireDocker();
    Services.requireSecondDocker();
    processes = new GantryProcesses(database.settings(), TwoEnginesIT.class);
    http = processes.server("--heartbeat", "1s").awaitStarted().http();
  }

  /** This test's workers, stopped after it whatever happened: a worker left alive would keep its engine alive. */
  private final List<GantryProcess> workers = new ArrayList<>();

  @AfterEach
  void stopWorkers() {
    for (GantryProcess worker : workers) {
      if (worker.isAlive()) {
        worker.stop();
      }
    }
    for (GantryProcess worker : workers) {
      if (!worker.waitForExit(Duration.ofSeconds(60))) {
        worker.kill();
      }
    }
  }

  @AfterAll
  static void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  @Test
  @Order(1)
  void threeTaskJobsHandingAFileOverAllCompleteWithWorkersOnBothEnginesBusy() {
    GantryProcess first = worker(Services.DOCKER_HOST, "8");
    GantryProcess second = worker(Services.DOCKER2_HOST, "8");
    Map<String, String> engines = engines(first, second);
    assertThat(new HashSet<>(engines.values())).as("two engines, told apart though their docker info IDs are one").hasSize(2);

    long started = System.nanoTime();
    List<String> tork = new ArrayList<>();
    List<String> hades = new ArrayList<>();
    for (int i = 0; i < JOBS_PER_DIALECT; i++) {
      tork.add(http.submit("""
          name: hand over %d
          tasks:
            - {name: make, image: "busybox:latest", network: none, run: "echo -n %d > /shared/f"}
            - {name: add, image: "busybox:latest", network: none, run: "echo -n -ok >> /shared/f"}
            - {name: read, image: "busybox:latest", network: none, run: "cat /shared/f > $GANTRY_OUTPUT"}
          """.formatted(i, i)));
      Http.Response answer = http.postJson("/build", """
          {"name": "hades %d", "steps": [
            {"id": 1, "name": "make", "image": "busybox:latest", "network": "none", "script": "echo -n %d > /shared/f"},
            {"id": 2, "name": "add", "image": "busybox:latest", "network": "none", "script": "echo -n -ok >> /shared/f"},
            {"id": 3, "name": "check", "image": "busybox:latest", "network": "none", "script": "test \\"$(cat /shared/f)\\" = %d-ok"}]}
          """.formatted(i, i, i));
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
      hades.add(answer.body().path("job_id").asText());
    }
    List<String> all = new ArrayList<>(tork);
    all.addAll(hades);

    await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> all.stream().allMatch(this::ended));
    System.out.printf("TwoEnginesIT: %d three-task jobs (%d Tork, %d Hades) on two engines in %.1f s%n", all.size(),
        tork.size(), hades.size(), (System.nanoTime() - started) / 1e9);

    Set<String> nodesUsed = new HashSet<>();
    for (int i = 0; i < tork.size(); i++) {
      JsonNode job = http.job(tork.get(i));
      assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("COMPLETED");
      assertThat(job.path("result").asText()).isEqualTo(i + "-ok");
    }
    for (String id : all) {
      JsonNode job = http.job(id);
      assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("COMPLETED");
      Set<String> enginesOfJob = new LinkedHashSet<>();
      job.path("execution").forEach(run -> {
        nodesUsed.add(run.path("nodeId").asText());
        enginesOfJob.add(engines.get(run.path("nodeId").asText()));
      });
      assertThat(job.path("execution")).hasSize(3);
      assertThat(enginesOfJob).as("the tasks of job %s ran on one engine", id).hasSize(1);
    }
    assertThat(nodesUsed).as("both workers took jobs").containsExactlyInAnyOrder(first.nodeId(), second.nodeId());
  }

  @Test
  @Order(2)
  void theJobsOfAnEngineWhoseOnlyWorkerWasKilledCompleteOnTheOtherFromTheirFirstTask() {
    GantryProcess victim = worker(Services.DOCKER_HOST, "4");
    GantryProcess survivor = worker(Services.DOCKER2_HOST, "4");
    Map<String, String> engines = engines(victim, survivor);
    assertThat(engines.get(victim.nodeId())).isNotEqualTo(engines.get(survivor.nodeId()));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(http.submit("""
          name: loses its engine %d
          tasks:
            - {name: make, image: "busybox:latest", network: none, run: "echo -n %d > /shared/f"}
            - {name: slow, image: "busybox:latest", network: none, run: "sleep 8; echo -n -ok >> /shared/f"}
            - {name: read, image: "busybox:latest", network: none, run: "cat /shared/f > $GANTRY_OUTPUT"}
          """.formatted(i, i)));
    }
    await().atMost(DEADLINE).until(() -> ids.stream().anyMatch(id -> runningOn(id, "slow", victim.nodeId())));

    victim.kill();

    try {
      await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> ids.stream().allMatch(this::ended));
    } finally {
      removeLeftoversOnTheFirstEngine(ids);
    }
    String lost = "engine " + engines.get(victim.nodeId()) + " lost: restarted from the first task on a new workspace";
    int moved = 0;
    for (int i = 0; i < ids.size(); i++) {
      JsonNode job = http.job(ids.get(i));
      List<String> runs = new ArrayList<>();
      job.path("execution").forEach(run -> runs.add(run.path("name").asText() + " " + run.path("state").asText() + " on "
          + (run.path("nodeId").asText().equals(victim.nodeId()) ? "victim" : "survivor")
          + (run.path("error").isMissingNode() || run.path("error").isNull() ? "" : ": " + run.path("error").asText())));
      assertThat(job.path("state").asText()).as(runs.toString()).isEqualTo("COMPLETED");
      assertThat(job.path("result").asText()).as(runs.toString()).isEqualTo(i + "-ok");
      if (runs.stream().anyMatch(r -> r.contains(" on victim"))) {
        moved++;
        // Killed in whichever task it was, the job went through its first task again on the survivor.
        assertThat(runs).as("the API says why: " + runs).anyMatch(r -> r.endsWith(": " + lost));
        assertThat(runs.stream().filter(r -> r.contains(" COMPLETED on survivor")).toList()).as(runs.toString())
            .containsExactly("make COMPLETED on survivor", "slow COMPLETED on survivor", "read COMPLETED on survivor");
      } else {
        assertThat(runs).containsExactly("make COMPLETED on survivor", "slow COMPLETED on survivor", "read COMPLETED on survivor");
      }
    }
    assertThat(moved).as("jobs the victim had begun").isPositive();
  }

  private GantryProcess worker(String dockerHost, String slots) {
    GantryProcess worker = processes.workerOn(dockerHost, "--heartbeat", "1s", "--lease", "3s", "--concurrency", slots);
    workers.add(worker);
    return worker.awaitStarted();
  }

  /** The engine id GET /nodes shows for each worker. */
  private static Map<String, String> engines(GantryProcess... workers) {
    Map<String, String> all = new HashMap<>();
    for (JsonNode node : http.get("/nodes").body()) {
      all.put(node.path("id").asText(), node.path("engineId").asText(null));
    }
    Map<String, String> engines = new HashMap<>();
    for (GantryProcess worker : workers) {
      assertThat(all.get(worker.nodeId())).as("the engine of " + worker.nodeId() + " in " + all).isNotBlank();
      engines.put(worker.nodeId(), all.get(worker.nodeId()));
    }
    return engines;
  }

  /**
   * What the killed worker's runs left on its engine (containers, workspaces): no worker runs there
   * any more to sweep it, as the next one started there would.
   */
  private static void removeLeftoversOnTheFirstEngine(List<String> jobs) {
    try (DockerRuntime docker = Services.docker()) {
      docker.resources().stream().filter(r -> jobs.contains(r.jobId())).sorted(Comparator.comparing(
          r -> r.kind() == RuntimeResource.Kind.CONTAINER ? 0 : 1)).forEach(docker::remove);
    }
  }

  private boolean ended(String id) {
    return StandaloneFixture.ENDED.contains(http.job(id).path("state").asText());
  }

  private static boolean runningOn(String jobId, String task, String nodeId) {
    for (JsonNode run : http.job(jobId).path("execution")) {
      if (run.path("name").asText().equals(task) && run.path("state").asText().equals("RUNNING")
          && run.path("nodeId").asText().equals(nodeId)) {
        return true;
      }
    }
    return false;
  }
}
