package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spec.SessionPlan;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.core.spi.RuntimeResource.Kind;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import dev.gantry.core.spi.TaskRuntime;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.ManualWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the sweeper removes: a run's container, volume and network once the run has ended, a workspace once its job has. */
class LeftoverSweeperTest {

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStore store = new InMemoryStore();
  private final LocalSignals signals = new LocalSignals();
  private final JobService jobs = new JobService(store, signals, clock);
  private final ManualWorker worker = new ManualWorker(store, signals, clock);
  private final Leftovers runtime = new Leftovers();

  /** A runtime that only holds resources: what the sweeper lists and removes. */
  private static final class Leftovers implements TaskRuntime {
    final List<RuntimeResource> held = new ArrayList<>();
    final List<RuntimeResource> removed = new ArrayList<>();

    @Override
    public TaskOutcome run(TaskExecution execution, LogSink logs, Cancellation cancellation) {
      throw new UnsupportedOperationException("runs nothing");
    }

    @Override
    public void removeWorkspace(String jobId) {}

    @Override
    public List<RuntimeResource> resources() {
      return List.copyOf(held);
    }

    @Override
    public void remove(RuntimeResource resource) {
      held.remove(resource);
      removed.add(resource);
    }

    @Override
    public String describe() {
      return "leftovers";
    }

    @Override
    public void close() {}
  }

  private static JobSpec twoTasks() {
    TaskSpec task = new TaskSpec("t", null, "busybox:latest", "true", List.of(), List.of(), Map.of(), Map.of(), null, null,
        0, null, "none", null);
    return new JobSpec("j", null, List.of(), Map.of(), List.of(task, task));
  }

  private void holdAllOf(TaskRun run) {
    for (Kind kind : List.of(Kind.CONTAINER, Kind.VOLUME, Kind.NETWORK)) {
      runtime.held.add(new RuntimeResource(kind, kind + "-" + run.id(), run.jobId(), run.id()));
    }
  }

  @Test
  void aRunsContainerVolumeAndNetworkGoOnceTheRunHasEndedTheWorkspaceOnceTheJobHas() {
    Job job = jobs.submit(twoTasks());
    TaskRun first = worker.claim();
    holdAllOf(first);
    RuntimeResource workspace = new RuntimeResource(Kind.WORKSPACE, "ws-" + job.id(), job.id(), null);
    runtime.held.add(workspace);

    new LeftoverSweeper(store, runtime).run();
    assertThat(runtime.removed).as("the run is still running").isEmpty();

    worker.succeed(first, null);
    TaskRun second = worker.claim();
    holdAllOf(second);
    new LeftoverSweeper(store, runtime).run();
    assertThat(runtime.removed).extracting(RuntimeResource::runId).containsOnly(first.id()).hasSize(3);
    assertThat(runtime.held).contains(workspace);

    worker.succeed(second, null);
    new LeftoverSweeper(store, runtime).run();
    assertThat(runtime.held).isEmpty();
  }

  @Test
  void inARunningEachJobOnlyTheEndedItemsContainersGoNeverARunningOnes() {
    Job job = jobs.submit(JobSpecReader.read("""
        name: each
        tasks:
          - name: items
            each: {list: "{{ sequence(0, 2) }}", task: {name: "item {{ item.index }}", image: busybox}}
        """, Format.YAML));
    TaskRun one = worker.claim();
    TaskRun two = worker.claim();
    holdAllOf(one);
    holdAllOf(two);

    worker.succeed(one, null);
    new LeftoverSweeper(store, runtime).run();

    assertThat(store.findJob(job.id()).orElseThrow().state().isTerminal()).as("the job still runs").isFalse();
    assertThat(runtime.removed).extracting(RuntimeResource::runId).containsOnly(one.id()).hasSize(3);
    assertThat(runtime.held).extracting(RuntimeResource::runId).containsOnly(two.id());
  }

  @Test
  void whatTheStoreDoesNotKnowIsLeftAlone() {
    RuntimeResource foreign = new RuntimeResource(Kind.NETWORK, "n", "other-job", "other-run");
    runtime.held.add(foreign);

    new LeftoverSweeper(store, runtime).run();

    assertThat(runtime.held).containsExactly(foreign);
  }

  /** A job of one session task whose environment is kept {@code keep} after it ended. */
  private static JobSpec session(SessionPlan.Keep keep) {
    SessionPlan plan = new SessionPlan(List.of(), List.of(new SessionPlan.Step("t", List.of("true"))), null, List.of(), null,
        keep);
    TaskSpec task = new TaskSpec("build", null, "busybox:latest", null, List.of(), List.of(), Map.of(), Map.of(), null, null,
        0, null, "none", null, false, null, null, null, plan);
    return new JobSpec("j", null, List.of(), Map.of(), List.of(task));
  }

  @Test
  void aKeptEnvironmentAndItsWorkspaceStayUntilTheKeepTimeEnds() {
    Duration keep = Duration.ofMinutes(10);
    Job job = jobs.submit(session(new SessionPlan.Keep(keep, false)));
    TaskRun run = worker.claim();
    holdAllOf(run);
    RuntimeResource workspace = new RuntimeResource(Kind.WORKSPACE, "ws-" + job.id(), job.id(), null);
    runtime.held.add(workspace);
    worker.fail(run, 1, "step 't' failed: exit code 1");

    new LeftoverSweeper(store, runtime, clock).run();
    new LeftoverSweeper(store, runtime, Clock.offset(clock, keep.minusSeconds(30))).run();
    assertThat(runtime.removed).as("kept for a shell").isEmpty();

    // A restarted process works the same out from the stored run: no record of its own to lose.
    new LeftoverSweeper(store, runtime, Clock.offset(clock, keep.plusSeconds(1))).run();
    assertThat(runtime.held).isEmpty();
    assertThat(runtime.removed).contains(workspace).hasSize(4);
  }

  @Test
  void aSucceededBuildIsKeptOnlyWithShellTrue() {
    Duration keep = Duration.ofMinutes(10);
    jobs.submit(session(new SessionPlan.Keep(keep, false)));
    TaskRun plain = worker.claim();
    holdAllOf(plain);
    worker.succeed(plain, null);
    jobs.submit(session(new SessionPlan.Keep(keep, true)));
    TaskRun shell = worker.claim();
    holdAllOf(shell);
    worker.succeed(shell, null);

    new LeftoverSweeper(store, runtime, clock).run();

    assertThat(runtime.removed).extracting(RuntimeResource::runId).containsOnly(plain.id()).hasSize(3);
    assertThat(runtime.held).extracting(RuntimeResource::runId).containsOnly(shell.id());
  }

  @Test
  void aSessionWhoseWorkerWasLostIsNotKeptThoughItFailed() {
    Duration keep = Duration.ofMinutes(10);
    Job job = jobs.submit(session(new SessionPlan.Keep(keep, false)));
    TaskRun lost = worker.claim();
    holdAllOf(lost);
    worker.lose(lost, "worker lost");
    TaskRun again = worker.claim();
    holdAllOf(again);

    new LeftoverSweeper(store, runtime, clock).run();
    assertThat(runtime.removed).as("the job goes on without the lost attempt").extracting(RuntimeResource::runId)
        .containsOnly(lost.id()).hasSize(3);

    worker.succeed(again, null);
    new LeftoverSweeper(store, runtime, clock).run();
    assertThat(store.findJob(job.id()).orElseThrow().state().isTerminal()).isTrue();
    assertThat(runtime.held).isEmpty();
  }
}
