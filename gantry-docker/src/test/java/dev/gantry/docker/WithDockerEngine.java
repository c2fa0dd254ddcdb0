package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * What the Docker ITs share: the engine check, a runtime (pull policy NEVER), unique job ids, and
 * after every test the check that none of its jobs has a container or workspace left shortly after
 * (the runtime removes them in the background).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class WithDockerEngine {

  static DockerClient docker;
  static DockerRuntime runtime;
  private static String unavailable;

  private final List<String> jobs = new ArrayList<>();

  @BeforeAll
  static void engine() {
    docker = DockerEngine.client();
    unavailable = DockerEngine.unavailable(docker);
    if (unavailable == null) {
      runtime = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.NEVER));
    }
  }

  @BeforeEach
  void skipWithoutEngine() {
    DockerEngine.skipIf(unavailable);
  }

  @AfterAll
  static void closeClients() throws Exception {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
    docker.close();
  }

  @AfterEach
  void nothingLeftBehind() {
    for (String job : jobs) {
      runtime.removeWorkspace(job);
    }
    for (String job : jobs) {
      awaitGone(job);
    }
  }

  /** Waits until the job's containers and workspace are gone, as the runtime promises, and says what was left. */
  static void awaitGone(String job) {
    awaitNoContainers(job);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(volumesOf(job)).as("workspace of job %s after it ended", job).isEmpty());
  }

  /** Waits until the job's containers are gone: the runtime removes them shortly after each run. */
  static void awaitNoContainers(String job) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(containersOf(job)).as("containers of job %s after its runs", job).isEmpty());
  }

  String newJob() {
    String job = "it" + UUID.randomUUID().toString().replace("-", "");
    jobs.add(job);
    return job;
  }

  static TaskOutcome run(String job, TestTask task, RecordingSink sink) {
    return runtime.run(execution(job, task), sink, new Cancellation());
  }

  /** The task's env stands in for the merged environment the engine passes. */
  static TaskExecution execution(String job, TestTask task) {
    return new TaskExecution(job, "run-" + UUID.randomUUID().toString().replace("-", ""), "it-node", task.build(), task.env());
  }

  static List<String> volumesOf(String job) {
    List<InspectVolumeResponse> volumes = docker.listVolumesCmd().withFilter("label", List.of(Labels.JOB + "=" + job)).exec().getVolumes();
    return volumes == null ? List.of() : volumes.stream().map(InspectVolumeResponse::getName).toList();
  }

  static List<String> containersOf(String job) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.JOB, job)).exec().stream()
        .map(Container::getId).toList();
  }
}
