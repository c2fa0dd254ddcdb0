package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
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
 * after every test the check that none of its jobs has a container left.
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
      assertThat(containersOf(job)).as("containers of job %s after its runs", job).isEmpty();
      runtime.removeWorkspace(job);
    }
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

  static List<String> containersOf(String job) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.JOB, job)).exec().stream()
        .map(Container::getId).toList();
  }
}
