package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.docker.DockerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry standalone} stopped in the middle of a 30 s task (kill -9, or SIGTERM with a short
 * grace) and started again 3 s later on the same data dir: it takes the task's container over
 * instead of running the task again, as a restarted worker does.
 */
class StandaloneRestartIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @TempDir Path dataDir;

  @Test
  void killedMidTaskAndStartedAgainItTakesTheContainerOver() throws Exception {
    restartMidTask(StandaloneProcess::killNine);
  }

  @Test
  void stoppedMidTaskItLeavesTheContainerRunningForItsNextStart() throws Exception {
    restartMidTask(gantry -> {
      gantry.sigterm();
      assertThat(gantry.awaitExit(DEADLINE)).as("the process exits after its grace period").isTrue();
      assertThat(Files.readString(gantry.log())).contains("the grace period is over: leaving task 'long' of job");
    });
  }

  private interface Stop {
    void stop(StandaloneProcess gantry) throws Exception;
  }

  private void restartMidTask(Stop stop) throws Exception {
    Services.requireDocker();
    StandaloneProcess gantry = new StandaloneProcess(dataDir, "--lease", "60s", "--shutdown-grace", "1s");
    try (DockerRuntime docker = Services.docker()) {
      Http http = gantry.start(DEADLINE);
      String id = http.submit("""
          name: outlives its process
          tasks:
            - {name: long, image: "busybox:latest", network: none, run: "%s"}
          """.formatted(RestartedTaskLog.SCRIPT));
      await().atMost(DEADLINE).until(() -> RestartedTaskLog.linesSoFar(http, id) >= 5);
      List<String> containers = WorkerRestartIT.containersOf(docker, id);
      assertThat(containers).hasSize(1);
      String nodeId = http.job(id).path("execution").get(0).path("nodeId").asText();

      stop.stop(gantry);
      assertThat(WorkerRestartIT.containersOf(docker, id)).as("the container outlives the process").isEqualTo(containers);
      WorkerRestartIT.pause(Duration.ofSeconds(3));
      Http again = gantry.start(DEADLINE);

      JsonNode job = await().atMost(DEADLINE).until(() -> again.job(id), j -> StandaloneFixture.ENDED.contains(j.path("state").asText()));
      assertThat(Files.readString(gantry.log())).contains("left running in container " + containers.get(0).substring(0, 12));
      assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(job.path("result").asText()).isEqualTo("done");
      assertThat(job.path("execution")).as("one run: the task was not run again").hasSize(1);
      assertThat(job.path("execution").get(0).path("nodeId").asText()).isEqualTo(nodeId);
      assertThat(RestartedTaskLog.of(again, id)).as("the whole log, in order, each line once").isEqualTo(RestartedTaskLog.expected());
      await().atMost(DEADLINE).until(() -> WorkerRestartIT.containersOf(docker, id).isEmpty());
    } finally {
      gantry.stop();
    }
  }
}
