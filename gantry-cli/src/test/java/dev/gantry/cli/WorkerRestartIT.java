package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.docker.DockerRuntime;
import dev.gantry.store.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process stopped in the middle of a 30 s task (kill -9, or SIGTERM with a short grace)
 * and started again 3 s later with the same data dir: the new process takes the task's container
 * over (the same container, started once), its stored log goes on without a gap or a line twice,
 * and the job completes, on the same node, in one run.
 */
class WorkerRestartIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  static GantryProcesses processes;
  static Http http;

  @TempDir Path dataDir;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(database.schema() != null, "needs PostgreSQL");
    Services.requireDocker();
    processes = new GantryProcesses(database.settings(), WorkerRestartIT.class);
    http = processes.server("--heartbeat", "1s").awaitStarted().http();
  }

  @AfterAll
  static void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  @Test
  void aWorkerKilledMidTaskAndStartedAgainTakesItsContainerOver() {
    restartMidTask("reattach-kill", GantryProcess::kill);
  }

  @Test
  void aWorkerStoppedMidTaskLeavesItsContainerRunningForItsNextStart() {
    restartMidTask("reattach-term", worker -> {
      worker.stop();
      assertThat(worker.waitForExit(DEADLINE)).as("the worker exits after its grace period").isTrue();
      assertThat(worker.log()).contains("the grace period is over: leaving task 'long' of job");
    });
  }

  private void restartMidTask(String queue, Consumer<GantryProcess> stop) {
    String[] options = {"--heartbeat", "1s", "--lease", "60s", "--shutdown-grace", "1s", "--queues", queue,
        "--data-dir", dataDir.toString()};
    GantryProcess first = processes.worker(options).awaitStarted();
    String id = http.submit("""
        name: outlives its worker
        tasks:
          - {name: long, image: "busybox:latest", network: none, queue: %s, run: "%s"}
        """.formatted(queue, RestartedTaskLog.SCRIPT));
    try (DockerRuntime docker = Services.docker()) {
      await().atMost(DEADLINE).until(() -> RestartedTaskLog.linesSoFar(http, id) >= 5);
      List<String> containers = containersOf(docker, id);
      assertThat(containers).hasSize(1);

      stop.accept(first);
      assertThat(containersOf(docker, id)).as("the container outlives its worker").isEqualTo(containers);
      pause(Duration.ofSeconds(3));
      GantryProcess second = processes.worker(options).awaitStarted();

      assertThat(second.nodeId()).as("the node id kept in the data dir").isEqualTo(first.nodeId());
      await().atMost(DEADLINE).until(() -> second.log().contains("left running in container " + containers.get(0).substring(0, 12)));
      JsonNode job = await().atMost(DEADLINE).until(() -> http.job(id), j -> StandaloneFixture.ENDED.contains(j.path("state").asText()));
      assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(job.path("result").asText()).isEqualTo("done");
      assertThat(job.path("execution")).as("one run: the task was not run again").hasSize(1);
      assertThat(job.path("execution").get(0).path("nodeId").asText()).isEqualTo(first.nodeId());
      assertThat(RestartedTaskLog.of(http, id)).as("the whole log, in order, each line once").isEqualTo(RestartedTaskLog.expected());
      await().atMost(DEADLINE).until(() -> containersOf(docker, id).isEmpty());
      second.stop();
      assertThat(second.waitForExit(DEADLINE)).isTrue();
    }
  }

  @Test
  void aWorkerKilledInAPostTaskTakesItOverFromTheMainContainerItKept() {
    String[] options = {"--heartbeat", "1s", "--lease", "60s", "--queues", "reattach-post", "--data-dir", dataDir.toString()};
    GantryProcess first = processes.worker(options).awaitStarted();
    String post = "echo post started; i=0; while [ $i -lt 10 ]; do i=$((i+1)); echo post $i; sleep 1; done";
    String id = http.submit("""
        name: post outlives its worker
        tasks:
          - name: main
            image: busybox:latest
            network: none
            queue: reattach-post
            run: "echo main ran; echo -n main-result > $GANTRY_OUTPUT"
            post:
              - {name: after, image: "busybox:latest", network: none, run: "%s"}
        """.formatted(post));
    try (DockerRuntime docker = Services.docker()) {
      await().atMost(DEADLINE).until(() -> RestartedTaskLog.of(http, id).contains("post 3\n"));
      assertThat(containersOf(docker, id)).as("the main container, ended, and the post task's").hasSize(2);

      first.kill();
      pause(Duration.ofSeconds(3));
      GantryProcess second = processes.worker(options).awaitStarted();

      await().atMost(DEADLINE).until(() -> second.log().contains("(its post-0 task)"));
      JsonNode job = await().atMost(DEADLINE).until(() -> http.job(id), j -> StandaloneFixture.ENDED.contains(j.path("state").asText()));
      assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(job.path("result").asText()).as("the main task's result, read from its kept container").isEqualTo("main-result");
      assertThat(job.path("execution")).as("one run: neither the task nor its post task ran again").hasSize(1);
      StringBuilder expected = new StringBuilder("main ran\npost started\n");
      for (int i = 1; i <= 10; i++) {
        expected.append("post ").append(i).append('\n');
      }
      assertThat(RestartedTaskLog.of(http, id)).as("the whole log, in order, each line once").isEqualTo(expected.toString());
      await().atMost(DEADLINE).until(() -> containersOf(docker, id).isEmpty());
      second.stop();
      assertThat(second.waitForExit(DEADLINE)).isTrue();
    }
  }

  /** The scenario's pause between the stop and the next start (not a wait for a condition). */
  static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static List<String> containersOf(DockerRuntime docker, String jobId) {
    return docker.resources().stream().filter(r -> r.kind() == RuntimeResource.Kind.CONTAINER && jobId.equals(r.jobId()))
        .map(RuntimeResource::id).toList();
  }
}
