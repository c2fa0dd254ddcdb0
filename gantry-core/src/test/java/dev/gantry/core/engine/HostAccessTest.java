package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.JobState;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskAttachments;
import dev.gantry.core.spec.TaskMount;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.ManualWorker;
import dev.gantry.core.testing.ScriptedRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator's host access policy, applied by JobService to every submit and restart, and by every worker to its runs. */
class HostAccessTest {

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStore store = new InMemoryStore();
  private final LocalSignals signals = new LocalSignals();

  private static JobSpec onNetwork(String network) {
    return new JobSpec("j", null, List.of(), Map.of(), List.of(new TaskSpec("t", null, "busybox:latest", "true", List.of(),
        List.of(), Map.of(), Map.of(), null, null, 0, null, network, null)));
  }

  private long stored() {
    return store.listJobs(JobQuery.parse(null, 1, 1)).totalItems();
  }

  @Test
  void aSubmitThatWouldShareTheHostsNetworkIsRefusedAndNothingIsStored() {
    JobService jobs = new JobService(store, signals, clock);

    assertThatThrownBy(() -> jobs.submit(onNetwork("host"))).isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("tasks[0].network: host networking is not allowed");
    assertThatThrownBy(() -> jobs.submit("my-id", onNetwork("container:gantry-db"))).isInstanceOf(InvalidJobException.class);
    assertThat(stored()).isZero();
    assertThat(jobs.submit(onNetwork("none")).state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void whatTheOperatorAllowsIsAccepted() {
    JobService jobs = new JobService(store, signals, clock, new HostAccessPolicy(true));

    assertThat(jobs.submit(onNetwork("host")).spec().task(1).network()).isEqualTo("host");
  }

  @Test
  void aWorkerRunsNoTaskBeyondWhatItsOwnOperatorAllowsWhateverTheServerAccepted() {
    ScriptedRuntime runtime = new ScriptedRuntime().when("t", ScriptedRuntime.succeeds("ran"));
    Job job = new JobService(store, signals, clock, new HostAccessPolicy(true)).submit(onNetwork("host"));
    try (Worker worker = new Worker(store, runtime, new RunProgress(store, signals, clock, 3), signals, clock,
        new WorkerSettings("n1", Set.of(TaskSpec.DEFAULT_QUEUE), 1, Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(1)))) {
      worker.start();
      JobService jobs = new JobService(store, signals, clock);
      Job done = await().atMost(Duration.ofSeconds(10)).until(() -> jobs.job(job.id()), j -> j.state().isTerminal());

      assertThat(done.state()).isEqualTo(JobState.FAILED);
      assertThat(done.error()).contains("tasks[0].network: host networking is not allowed");
      assertThat(runtime.executed()).isEmpty();
    }
  }

  @Test
  void aJobStoredWhileHostNetworkingWasAllowedIsNotRestartedOnceItIsNot() {
    Job job = new JobService(store, signals, clock, new HostAccessPolicy(true)).submit(onNetwork("host"));
    ManualWorker worker = new ManualWorker(store, signals, clock);
    worker.fail(worker.claim(), 1, "failed");
    JobService now = new JobService(store, signals, clock);

    assertThatThrownBy(() -> now.restart(job.id())).isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("host networking is not allowed");
    assertThat(now.job(job.id()).state()).isEqualTo(JobState.FAILED);
    assertThat(now.runs(job.id())).hasSize(1);
  }

  @Test
  void aWorkerRunsNoBindMountItsOperatorDoesNotAllowWhateverTheServerAccepted() {
    ScriptedRuntime runtime = new ScriptedRuntime().when("t", ScriptedRuntime.succeeds("ran"));
    TaskSpec binding = new TaskSpec("t", null, "busybox:latest", "true", List.of(), List.of(), Map.of(), Map.of(), null, null,
        0, null, "none", null, false, null, null, new TaskAttachments(
            List.of(new TaskMount(TaskMount.Type.BIND, "/etc", "/host-etc", true)), List.of(), null, null, List.of()));
    JobSpec spec = new JobSpec("j", null, List.of(), Map.of(), List.of(binding));
    Job job = new JobService(store, signals, clock, new HostAccessPolicy(false, true, List.of())).submit(spec);
    try (Worker worker = new Worker(store, runtime, new RunProgress(store, signals, clock, 3), signals, clock,
        new WorkerSettings("n1", Set.of(TaskSpec.DEFAULT_QUEUE), 1, Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(1), new HostAccessPolicy(false, false, List.of("/srv"))))) {
      worker.start();
      JobService jobs = new JobService(store, signals, clock);
      Job done = await().atMost(Duration.ofSeconds(10)).until(() -> jobs.job(job.id()), j -> j.state().isTerminal());

      assertThat(done.state()).isEqualTo(JobState.FAILED);
      assertThat(done.error()).contains("tasks[0].mounts[0].source: bind-mounting the host path '/etc' is not allowed");
      assertThat(runtime.executed()).isEmpty();
    }
  }

  @Test
  void aWorkerRunsNoPrivilegedContainerItsOperatorDoesNotAllowWhateverTheServerAccepted() {
    ScriptedRuntime runtime = new ScriptedRuntime().when("t", ScriptedRuntime.succeeds("ran"));
    TaskSpec privileged = new TaskSpec("t", null, "busybox:latest", "true", List.of(), List.of(), Map.of(), Map.of(), null,
        null, 0, null, null, null, false, null, null, TaskAttachments.NONE.withPrivileged(true));
    JobSpec spec = new JobSpec("j", null, List.of(), Map.of(), List.of(privileged));
    Job job = new JobService(store, signals, clock, new HostAccessPolicy(false, false, List.of(), true)).submit(spec);
    try (Worker worker = new Worker(store, runtime, new RunProgress(store, signals, clock, 3), signals, clock,
        new WorkerSettings("n1", Set.of(TaskSpec.DEFAULT_QUEUE), 1, Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(1), HostAccessPolicy.NONE))) {
      worker.start();
      JobService jobs = new JobService(store, signals, clock);
      Job done = await().atMost(Duration.ofSeconds(10)).until(() -> jobs.job(job.id()), j -> j.state().isTerminal());

      assertThat(done.state()).isEqualTo(JobState.FAILED);
      assertThat(done.error()).contains("tasks[0].privileged: privileged containers are not allowed on this server"
          + " (the operator can allow them with --allow-privileged)");
      assertThat(runtime.executed()).isEmpty();
    }
  }
}
