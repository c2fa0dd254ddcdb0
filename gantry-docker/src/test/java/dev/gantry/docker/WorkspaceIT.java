package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.core.spi.RuntimeResource.Kind;
import dev.gantry.core.spi.TaskOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Job workspaces (named volumes) and finding what the runtime left by its labels. */
class WorkspaceIT extends WithDockerEngine {

  @Test
  void theEngineCreatesTheLabelledWorkspaceWithTheFirstContainerAndRemoveWorkspaceRemovesIt() {
    String job = newJob();
    run(job, TestTask.script("echo data > /shared/file"), new RecordingSink());
    assertThat(docker.inspectVolumeCmd(Labels.workspaceName(job)).exec().getLabels()).containsEntry("gantry.job", job);

    runtime.removeWorkspace(job);
    runtime.removeWorkspace(job); // a second time is fine

    awaitGone(job);
  }

  @Test
  void aWorkspaceAskedToGoRightAfterARunGoesAfterItsContainer() {
    String job = newJob();
    try (DockerRuntime own = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.NEVER))) {
      own.run(execution(job, TestTask.script("true")), new RecordingSink(), new Cancellation());
      // The container may still be on its way out: removing the volume now would find it in use.
      own.removeWorkspace(job);
    } // close waits for the removals it was given

    assertThat(containersOf(job)).isEmpty();
    assertThat(volumesOf(job)).isEmpty();
  }

  @Test
  void resourcesFindsLabelledContainersAndWorkspacesAndRemovesThem() {
    String job = newJob();
    run(job, TestTask.script("true"), new RecordingSink());
    awaitNoContainers(job); // the run's own container goes in the background
    String runId = "left-" + job;
    String container = docker.createContainerCmd(TestTask.IMAGE).withCmd("true")
        .withLabels(Map.of("gantry.job", job, "gantry.run", runId, "gantry.node", "it")).exec().getId();

    List<RuntimeResource> found = runtime.resources().stream().filter(r -> job.equals(r.jobId())).toList();

    assertThat(found).containsExactlyInAnyOrder(
        new RuntimeResource(Kind.CONTAINER, container, job, runId),
        new RuntimeResource(Kind.WORKSPACE, Labels.workspaceName(job), job, null));
    found.forEach(runtime::remove);
    found.forEach(runtime::remove); // already gone is fine
    assertThat(runtime.resources()).noneMatch(r -> job.equals(r.jobId()));
  }

  @Test
  void aWorkspaceStillInUseIsLeftInPlaceForTheSweeper() {
    String job = newJob();
    run(job, TestTask.script("true"), new RecordingSink());
    String volume = Labels.workspaceName(job);
    Mount workspace = new Mount().withType(MountType.VOLUME).withSource(volume).withTarget("/shared");
    String holder = docker.createContainerCmd(TestTask.IMAGE).withCmd("true")
        .withHostConfig(HostConfig.newHostConfig().withMounts(List.of(workspace))).exec().getId();
    try {
      try (DockerRuntime own = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.NEVER))) {
        own.removeWorkspace(job); // finds it in use, logs and leaves it
      } // close waits for the removal it was given

      assertThat(docker.inspectVolumeCmd(volume).exec().getName()).isEqualTo(volume);
    } finally {
      docker.removeContainerCmd(holder).withForce(true).exec();
    }
  }

  @Test
  void concurrentFirstRunsOfOneJobShareOneWorkspace() {
    String job = newJob();
    ExecutorService threads = Executors.newFixedThreadPool(4); // the common pool may have one thread
    List<CompletableFuture<TaskOutcome>> runs = IntStream.range(0, 4)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> run(job, TestTask.script("echo " + i + " >> /shared/log"), new RecordingSink()), threads))
        .toList();

    List<TaskOutcome> outcomes = runs.stream().map(CompletableFuture::join).toList();
    threads.shutdown();

    assertThat(outcomes).allMatch(TaskOutcome::succeeded);
    RecordingSink sink = new RecordingSink();
    run(job, TestTask.script("sort /shared/log"), sink);
    assertThat(sink.texts()).containsExactly("0", "1", "2", "3");
  }
}
