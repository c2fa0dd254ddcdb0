package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.docker.DockerRuntime;
import dev.gantry.store.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window between a container's end and the storing of its outcome: a worker halts there (as a
 * kill -9 would, at the core's crash point, not by timing a kill) and is started again: its
 * container is still on the engine, exited, and the new process collects its outcome from it (exit
 * code, result, the log lines not yet stored) instead of running the task again.
 */
class OutcomeAfterCrashIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final int LINES = 20;
  /** Prints that it started and some lines, then writes its container's host name (its short id) as its result. */
  private static final String SCRIPT = "echo started; i=0; while [ $i -lt " + LINES + " ]; do i=$((i+1)); echo line $i; done;"
      + " echo -n $HOSTNAME > $GANTRY_OUTPUT";

  static GantryProcesses processes;
  static Http http;

  @TempDir Path dataDir;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(database.schema() != null, "needs PostgreSQL");
    Services.requireDocker();
    processes = new GantryProcesses(database.settings(), OutcomeAfterCrashIT.class);
    http = processes.server("--heartbeat", "1s").awaitStarted().http();
  }

  @AfterAll
  static void stop() {
    if (processes != null) {
      processes.close();
    }
  }

  @Test
  void aWorkerKilledAfterItsContainerExitedAndBeforeItsOutcomeWasStoredCollectsItAtItsNextStart() {
    String[] options = {"--heartbeat", "1s", "--lease", "60s", "--queues", "outcome-window", "--data-dir", dataDir.toString()};
    GantryProcess first = processes.workerCrashingAt("before-outcome-stored", options).awaitStarted();
    String id = http.submit("""
        name: outcome outlives its worker
        tasks:
          - {name: short, image: "busybox:latest", network: none, queue: outcome-window, run: "%s"}
        """.formatted(SCRIPT));
    try (DockerRuntime docker = Services.docker()) {
      assertThat(first.waitForExit(DEADLINE)).as("the worker halts at the crash point").isTrue();
      assertThat(first.exitCode()).isEqualTo(137);
      assertThat(first.log()).contains("crash point before-outcome-stored reached");
      List<String> containers = WorkerRestartIT.containersOf(docker, id);
      assertThat(containers).as("the ended container is kept until its outcome is stored").hasSize(1);
      assertThat(http.job(id).path("execution").get(0).path("state").asText()).isEqualTo("RUNNING");

      GantryProcess second = processes.worker(options).awaitStarted();

      assertThat(second.nodeId()).isEqualTo(first.nodeId());
      JsonNode job = await().atMost(DEADLINE).until(() -> http.job(id), j -> StandaloneFixture.ENDED.contains(j.path("state").asText()));
      assertThat(second.log()).contains("left running in container " + containers.get(0).substring(0, 12));
      assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(job.path("execution")).as("one run: the task was not run again").hasSize(1);
      JsonNode run = job.path("execution").get(0);
      assertThat(run.path("result").asText()).as("the result the container wrote").isEqualTo(containers.get(0).substring(0, 12));
      assertThat(run.path("exitCode").asInt()).isZero();
      assertThat(RestartedTaskLog.of(http, id)).as("the whole log, in order, each line once").isEqualTo(
          "started\n" + IntStream.rangeClosed(1, LINES).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining()));
      await().atMost(DEADLINE).until(() -> WorkerRestartIT.containersOf(docker, id).isEmpty());
      second.stop();
      assertThat(second.waitForExit(DEADLINE)).isTrue();
    }
  }

  @Test
  void aWorkerKilledAfterTheOutcomeWasStoredAndBeforeItsContainerWasRemovedLeavesItToTheSweeper() {
    String[] options = {"--heartbeat", "1s", "--lease", "60s", "--queues", "removal-window", "--data-dir", dataDir.toString()};
    GantryProcess first = processes.workerCrashingAt("after-outcome-stored", options).awaitStarted();
    String id = http.submit("""
        name: removal outlives its worker
        tasks:
          - {name: short, image: "busybox:latest", network: none, queue: removal-window, run: "%s"}
        """.formatted(SCRIPT));
    try (DockerRuntime docker = Services.docker()) {
      assertThat(first.waitForExit(DEADLINE)).as("the worker halts at the crash point").isTrue();
      assertThat(first.exitCode()).isEqualTo(137);
      assertThat(first.log()).contains("crash point after-outcome-stored reached");
      List<String> containers = WorkerRestartIT.containersOf(docker, id);
      assertThat(containers).as("the container its worker had no time to remove").hasSize(1);
      JsonNode job = http.job(id);
      assertThat(job.path("state").asText()).as("the outcome was stored before the crash").isEqualTo("COMPLETED");

      GantryProcess second = processes.worker(options).awaitStarted();

      await().atMost(DEADLINE).until(() -> WorkerRestartIT.containersOf(docker, id).isEmpty());
      assertThat(second.log()).as("an ended run's container is not taken over").doesNotContain("taking over task 'short' of job " + id);
      job = http.job(id);
      assertThat(job.path("execution")).hasSize(1);
      assertThat(job.path("execution").get(0).path("result").asText()).isEqualTo(containers.get(0).substring(0, 12));
      second.stop();
      assertThat(second.waitForExit(DEADLINE)).isTrue();
    }
  }
}
