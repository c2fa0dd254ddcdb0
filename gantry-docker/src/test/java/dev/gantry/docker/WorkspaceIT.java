package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
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
  void removeWorkspaceRemovesTheJobsVolume() {
    String job = newJob();
    run(job, TestTask.script("echo data > /shared/file"), new RecordingSink());
    assertThat(docker.inspectVolumeCmd(Labels.workspaceName(job)).exec().getLabels()).containsEntry("gantry.job", job);

    runtime.removeWorkspace(job);
    runtime.removeWorkspace(job); // a second time is fine

    assertThatThrownBy(() -> docker.inspectVolumeCmd(Labels.workspaceName(job)).exec()).isInstanceOf(NotFoundException.class);
  }

  @Test
  void resourcesFindsLabelledContainersAndWorkspacesAndRemovesThem() {
    String job = newJob();
    run(job, TestTask.script("true"), new RecordingSink());
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
  void aWorkspaceStillInUseIsLeftInPlaceAfterBriefRetries() {
    String job = newJob();
    run(job, TestTask.script("true"), new RecordingSink());
    String volume = Labels.workspaceName(job);
    Mount workspace = new Mount().withType(MountType.VOLUME).withSource(volume).withTarget("/shared");
    String holder = docker.createContainerCmd(TestTask.IMAGE).withCmd("true")
        .withHostConfig(HostConfig.newHostConfig().withMounts(List.of(workspace))).exec().getId();
    try {
      runtime.removeWorkspace(job); // retries for a few seconds, then gives up with a warning

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
