package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Network;
import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.spec.Sidecar;
import dev.gantry.core.spec.SidecarProbe;
import dev.gantry.core.spec.TaskAttachments;
import dev.gantry.core.spec.TaskMount;
import dev.gantry.core.spec.TaskMount.Type;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.TaskOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mounts, networks, GPUs and sidecars reaching the real engine. */
class TaskAttachmentsIT extends WithDockerEngine {

  private static TaskAttachments mounts(TaskMount... mounts) {
    return new TaskAttachments(List.of(mounts), List.of(), null, null, List.of());
  }

  /** Runs the task with a runtime of its own that inspects each container before it is removed. */
  private static TaskOutcome runInspected(String job, TestTask task, RecordingSink sink,
      Map<String, InspectContainerResponse> seen) {
    try (DockerRuntime own = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.NEVER),
        id -> seen.put(id, docker.inspectContainerCmd(id).exec()))) {
      return own.run(execution(job, task), sink, new Cancellation());
    }
  }

  @Test
  void aVolumeMountIsALabelledVolumeOfTheRunThatGoesWithIt() {
    String job = newJob();
    Map<String, InspectContainerResponse> seen = new ConcurrentHashMap<>();

    TaskOutcome outcome = runInspected(job, TestTask.script("echo kept > /data/f && cat /data/f")
        .attachments(mounts(TaskMount.volume("/data"))), new RecordingSink(), seen);

    assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    InspectContainerResponse container = seen.values().iterator().next();
    String volume = container.getMounts().stream().filter(m -> "/data".equals(m.getDestination().getPath()))
        .findFirst().orElseThrow().getName();
    assertThat(volume).startsWith("gantry-vol-");
    assertThat(volume).isNotEqualTo(Labels.workspaceName(job));
    awaitRunResourcesGone(job); // gone with the run, not only with the job
  }

  @Test
  void aTmpfsMountIsMemoryBacked() {
    RecordingSink sink = new RecordingSink();

    TaskOutcome outcome = run(newJob(), TestTask.script("grep ' /scratch ' /proc/mounts")
        .attachments(mounts(new TaskMount(Type.TMPFS, null, "/scratch", false))), sink);

    assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    assertThat(sink.output(Stream.STDOUT)).startsWith("tmpfs /scratch tmpfs");
  }

  @Test
  void aReadonlyBindMountShowsTheHostPathAndRefusesWrites(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("in.txt"), "from the host");
    RecordingSink sink = new RecordingSink();

    TaskOutcome outcome = run(newJob(), TestTask.script("cat /in/in.txt; echo; touch /in/new && echo wrote || echo refused")
        .attachments(mounts(new TaskMount(Type.BIND, dir.toString(), "/in", true))), sink);

    assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    assertThat(sink.output(Stream.STDOUT)).isEqualTo("from the host\nrefused\n");
    assertThat(dir.resolve("new")).doesNotExist();
  }

  @Test
  void aTaskJoinsTheExistingNetworksItNames() {
    String name = "gantry-it-" + UUID.randomUUID().toString().substring(0, 8);
    String network = docker.createNetworkCmd().withName(name).withLabels(Map.of("gantry.it", "true")).exec().getId();
    try {
      Map<String, InspectContainerResponse> seen = new ConcurrentHashMap<>();
      TaskOutcome outcome = runInspected(newJob(), TestTask.script("true").network(null)
          .attachments(new TaskAttachments(List.of(), List.of(name), null, null, List.of())), new RecordingSink(), seen);

      assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
      assertThat(seen.values().iterator().next().getNetworkSettings().getNetworks()).containsKey(name);
    } finally {
      docker.removeNetworkCmd(network).exec();
    }
  }

  @Test
  void aMissingNetworkFailsTheRunNamingIt() {
    TaskOutcome outcome = run(newJob(), TestTask.script("true").network(null)
        .attachments(new TaskAttachments(List.of(), List.of("gantry-it-no-such-net"), null, null, List.of())),
        new RecordingSink());

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.error()).contains("network 'gantry-it-no-such-net' does not exist");
  }

  /** No GPU and no nvidia runtime here: the engine refuses the device request, and the run fails saying so. */
  @Test
  void aGpuRequestReachesTheEngineWhichRefusesItWithoutAGpuRuntime() {
    Map<String, InspectContainerResponse> seen = new ConcurrentHashMap<>();

    TaskOutcome outcome = runInspected(newJob(), TestTask.script("true")
        .attachments(new TaskAttachments(List.of(), List.of(), null, "count=2,capabilities=compute", List.of())),
        new RecordingSink(), seen);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.error()).contains("could not select device driver").contains("capabilities: [[compute gpu]]");
    var requests = seen.values().iterator().next().getHostConfig().getDeviceRequests();
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getCount()).isEqualTo(2);
  }

  @Test
  void theTaskReachesItsSidecarsByNameTheyShareItsMountsAndTheyGoWhenItEnds() {
    String job = newJob();
    Sidecar web = new Sidecar("web", TestTask.IMAGE,
        "echo -n from-sidecar > /data/note && mkdir -p /www && echo pong > /www/ping && echo serving"
            + " && httpd -f -p 8080 -h /www", List.of(), List.of(), Map.of());
    RecordingSink sink = new RecordingSink();
    String script = "for i in $(seq 1 50); do wget -qO- http://web:8080/ping && cat /data/note > $TORK_OUTPUT && exit 0;"
        + " sleep 0.2; done; exit 1";

    TaskOutcome outcome = run(job, TestTask.script(script).network(null)
        .attachments(new TaskAttachments(List.of(TaskMount.volume("/data")), List.of(), null, null, List.of(web))), sink);

    assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    assertThat(outcome.result()).isEqualTo("from-sidecar");
    assertThat(sink.output(Stream.STDOUT)).contains("pong\n").contains("[sidecar web] serving\n");
    awaitRunResourcesGone(job); // the sidecar's container, the run's network and volume
  }

  @Test
  void aProbedSidecarIsReadyBeforeTheTaskStarts() {
    Sidecar slow = new Sidecar("web", TestTask.IMAGE,
        "sleep 1; mkdir -p /www && echo ready > /www/health && httpd -f -p 8080 -h /www", List.of(), List.of(), Map.of(),
        new SidecarProbe("/health", 8080, Duration.ofSeconds(30)));

    TaskOutcome outcome = run(newJob(), TestTask.script("wget -qO- http://web:8080/health > $TORK_OUTPUT").network(null)
        .attachments(new TaskAttachments(List.of(), List.of(), null, null, List.of(slow))), new RecordingSink());

    assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    assertThat(outcome.result()).isEqualTo("ready\n");
  }

  @Test
  void aSidecarThatNeverAnswersItsProbeFailsTheRunAfterTheProbesTimeout() {
    String job = newJob();
    Sidecar silent = new Sidecar("web", TestTask.IMAGE, "sleep 300", List.of(), List.of(), Map.of(),
        new SidecarProbe("/", 8080, Duration.ofSeconds(2)));

    TaskOutcome outcome = run(job, TestTask.script("echo never").network(null)
        .attachments(new TaskAttachments(List.of(), List.of(), null, null, List.of(silent))), new RecordingSink());

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.error()).startsWith("sidecar 'web' did not answer its probe http://").contains("with 200 within 2s");
    awaitRunResourcesGone(job);
  }

  @Test
  void aSidecarThatStopsBeforeItsProbeAnswersFailsTheRunAtOnce() {
    Sidecar broken = new Sidecar("web", TestTask.IMAGE, "exit 7", List.of(), List.of(), Map.of(),
        new SidecarProbe("/", 8080, Duration.ofMinutes(5)));

    TaskOutcome outcome = run(newJob(), TestTask.script("echo never").network(null)
        .attachments(new TaskAttachments(List.of(), List.of(), null, null, List.of(broken))), new RecordingSink());

    assertThat(outcome.error()).isEqualTo("sidecar 'web' stopped (exit code 7) before it answered its probe");
  }

  @Test
  void aCancelledTaskTakesItsSidecarsNetworkAndVolumesWithIt() throws Exception {
    String job = newJob();
    Sidecar idle = new Sidecar("idle", TestTask.IMAGE, "echo up; sleep 300", List.of(), List.of(), Map.of());
    RecordingSink sink = new RecordingSink("task running");
    Cancellation cancellation = new Cancellation();
    TestTask task = TestTask.script("echo task running; sleep 300").network(null)
        .attachments(new TaskAttachments(List.of(TaskMount.volume("/data")), List.of(), null, null, List.of(idle)));
    java.util.concurrent.CompletableFuture<TaskOutcome> running = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> runtime.run(execution(job, task), sink, cancellation));
    assertThat(sink.arrived.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("the task started").isTrue();
    assertThat(containersOf(job)).hasSize(2); // the task's and its sidecar's

    cancellation.cancel(Cancellation.Reason.CANCELLED);

    TaskOutcome outcome = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.error()).startsWith("killed (cancelled)");
    awaitRunResourcesGone(job);
  }

  /** A worker died mid-run: its run comes back under the same id, to names still taken and a volume still full. */
  @Test
  void aRunStartedAgainAfterACrashClearsWhatItsEarlierAttemptLeft() {
    String job = newJob();
    Sidecar web = new Sidecar("web", TestTask.IMAGE, "sleep 300", List.of(), List.of(), Map.of());
    TestTask task = TestTask.script("test ! -e /data/stale && echo -n clean > $TORK_OUTPUT").network(null)
        .attachments(new TaskAttachments(List.of(TaskMount.volume("/data")), List.of(), null, null, List.of(web)));
    var execution = execution(job, task);
    String run = execution.runId();
    // What the dead worker's attempt left: its network, its sidecar on it, and its volume with a file in it.
    docker.createNetworkCmd().withName(Labels.runNetworkName(run)).withLabels(Map.of(Labels.JOB, job, Labels.RUN, run)).exec();
    docker.createContainerCmd(TestTask.IMAGE).withName(Labels.sidecarName(run, "web")).withCmd("sleep", "300")
        .withLabels(Map.of(Labels.JOB, job, Labels.RUN, run))
        .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode(Labels.runNetworkName(run)))
        .exec();
    docker.createVolumeCmd().withName(Labels.mountVolumeName(run, 0)).withLabels(Map.of(Labels.JOB, job, Labels.RUN, run))
        .exec();
    String oldTask = docker.createContainerCmd(TestTask.IMAGE).withName(Labels.containerName(run))
        .withCmd("touch", "/data/stale").withLabels(Map.of(Labels.JOB, job, Labels.RUN, run))
        .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none").withBinds(
            com.github.dockerjava.api.model.Bind.parse(Labels.mountVolumeName(run, 0) + ":/data")))
        .exec().getId();
    docker.startContainerCmd(oldTask).exec();
    docker.waitContainerCmd(oldTask).start().awaitStatusCode();

    TaskOutcome outcome = runtime.run(execution, new RecordingSink(), new Cancellation());

    assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    assertThat(outcome.result()).isEqualTo("clean");
    awaitRunResourcesGone(job);
  }

  @Test
  void aSidecarThatCannotStartFailsTheRunAndLeavesNothing() {
    String job = newJob();
    Sidecar missing = new Sidecar("db", "gantry-it-missing-image:1", null, List.of(), List.of(), Map.of());

    TaskOutcome outcome = run(job, TestTask.script("true").network(null)
        .attachments(new TaskAttachments(List.of(), List.of(), null, null, List.of(missing))), new RecordingSink());

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.error()).contains("gantry-it-missing-image:1");
    awaitRunResourcesGone(job);
  }

  /** The job's containers, and its volumes and networks but its workspace, are gone shortly after a run. */
  private static void awaitRunResourcesGone(String job) {
    awaitNoContainers(job);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(volumesOf(job)).allMatch(v -> v.equals(Labels.workspaceName(job)));
      assertThat(docker.listNetworksCmd().withFilter("label", List.of(Labels.JOB + "=" + job)).exec()).isEmpty();
    });
  }

  @Test
  void leftoversIncludeARunsVolumesAndNetworks() {
    String job = newJob();
    String run = "left-" + job;
    docker.createVolumeCmd().withName("gantry-vol-" + run + "-0").withLabels(Map.of(Labels.JOB, job, Labels.RUN, run)).exec();
    Network created = null;
    String net = docker.createNetworkCmd().withName("gantry-net-" + run).withLabels(Map.of(Labels.JOB, job, Labels.RUN, run))
        .exec().getId();

    var found = runtime.resources().stream().filter(r -> job.equals(r.jobId())).toList();

    assertThat(found).extracting(r -> r.kind().name() + " " + r.runId())
        .containsExactlyInAnyOrder("VOLUME " + run, "NETWORK " + run);
    found.forEach(runtime::remove);
    assertThat(runtime.resources()).noneMatch(r -> job.equals(r.jobId()));
    assertThat(created).isNull();
    assertThat(net).isNotBlank();
  }

  /** Mounting a file system needs what only a privileged container has (CAP_SYS_ADMIN, no seccomp/AppArmor profile). */
  private static final String MOUNTS = "mount -t tmpfs gantry-test /mnt && echo mounted";

  /**
   * The engine gets the flag and the container is privileged. An engine that itself runs without
   * some capability (in a container with a reduced bounding set, as on the CI machine, which lacks
   * CAP_SYS_RESOURCE) cannot give a privileged container all of them: the kernel refuses the start,
   * which the run reports as such.
   */
  @Test
  void aPrivilegedContainerIsPrivilegedAndAnOrdinaryOneIsNot() {
    Map<String, InspectContainerResponse> seen = new ConcurrentHashMap<>();
    RecordingSink privilegedSink = new RecordingSink();

    TaskOutcome privileged = runInspected(newJob(), TestTask.script(MOUNTS)
        .attachments(TaskAttachments.NONE.withPrivileged(true)), privilegedSink, seen);

    assertThat(seen.values().iterator().next().getHostConfig().getPrivileged()).isTrue();
    if (privileged.succeeded()) {
      assertThat(privilegedSink.output(Stream.STDOUT)).isEqualTo("mounted\n");
    } else {
      assertThat(privileged.error()).as("%s", privileged).startsWith("starting the container failed: ").contains("caps");
    }
    seen.clear();
    TaskOutcome ordinary = runInspected(newJob(), TestTask.script(MOUNTS), new RecordingSink(), seen);
    assertThat(ordinary.exitCode()).as("%s", ordinary).isNotNull().isNotZero();
    assertThat(seen.values().iterator().next().getHostConfig().getPrivileged()).isNotEqualTo(Boolean.TRUE);
  }
}
