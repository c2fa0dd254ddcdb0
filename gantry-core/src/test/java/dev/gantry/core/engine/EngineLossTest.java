package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.WorkspacePinning;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.core.engine.ProgressChange.CancelUnder;
import dev.gantry.core.engine.ProgressChange.InsertRun;
import dev.gantry.core.engine.ProgressChange.ResetUnder;
import dev.gantry.core.engine.ProgressChange.UpdateJob;
import dev.gantry.core.engine.ProgressChange.UpdateRun;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.testing.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A pinned job whose engine is gone: the decision ({@link Progression#engineLost}) and the reaper
 * that applies it ({@link EngineReaper}, over an in-memory store), only once no node of the engine
 * is alive and no run holds a lease.
 */
class EngineLossTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String THREE_TASKS = """
      name: hands over
      tasks:
        - {name: make, image: busybox, run: "echo -n x > /shared/f"}
        - {name: use, image: busybox, run: "cat /shared/f"}
        - {name: last, image: busybox, run: "true"}
      """;

  @Test
  void theJobStartsAgainFromItsFirstTaskAndItsRunsSayWhy() {
    Job job = Job.queued("j", JobSpecReader.read(THREE_TASKS, Format.YAML), NOW).running(NOW).atPosition(2);
    TaskRun running = TaskRun.queued("r2", "j", 2, 1, 0, 0, "use", "default", NOW).claimed("n", NOW, NOW.plusSeconds(3));

    Progression p = Progression.engineLost(job, List.of(running), "engine e1 lost", 2, NOW.plusSeconds(20));

    assertThat(p.changes()).hasSize(8);
    assertThat(p.changes().get(0)).isEqualTo(new UpdateRun(running.finished(RunState.FAILED, null, null, "engine e1 lost",
        NOW.plusSeconds(20))));
    assertThat(p.changes().get(1)).isEqualTo(new CancelUnder("j", null, "engine e1 lost"));
    assertThat(p.changes().get(2)).isEqualTo(new ProgressChange.UnpinEngine("j"));
    assertThat(p.changes().subList(3, 6)).containsExactly(new ResetUnder("j", NodePath.top(1)),
        new ResetUnder("j", NodePath.top(2)), new ResetUnder("j", NodePath.top(3)));
    TaskRun again = ((InsertRun) p.changes().get(6)).run();
    assertThat(again).extracting(TaskRun::position, TaskRun::attempt, TaskRun::state, TaskRun::name)
        .containsExactly(1, 2, RunState.QUEUED, "make");
    Job after = ((UpdateJob) p.changes().get(7)).job();
    assertThat(after).extracting(Job::state, Job::position).containsExactly(JobState.QUEUED, 1);
    assertThat(p.cancelsRuns()).as("no cancel signal: it would reach the new first run's worker").isFalse();
  }

  @Test
  void aParallelsQueuedChildIsCancelledAndBothStartAgain() {
    Job job = Job.queued("j", JobSpecReader.read("""
        name: p
        tasks:
          - name: both
            parallel:
              tasks:
                - {name: left, image: busybox}
                - {name: right, image: busybox}
        """, Format.YAML), NOW).running(NOW);
    TaskRun left = TaskRun.queued("l", "j", NodePath.top(1).child(0), 1, 0, 0, null, "left", "default", NOW)
        .claimed("n", NOW, NOW.plusSeconds(3));
    TaskRun right = TaskRun.queued("r", "j", NodePath.top(1).child(1), 1, 0, 0, null, "right", "default", NOW);

    Progression p = Progression.engineLost(job, List.of(left, right), "lost", 2, NOW.plusSeconds(20));

    assertThat(p.changes()).filteredOn(c -> c instanceof UpdateRun).extracting(c -> ((UpdateRun) c).run())
        .extracting(TaskRun::id, TaskRun::state).containsExactly(tuple("l", RunState.FAILED), tuple("r", RunState.CANCELLED));
    assertThat(p.insertedRuns()).extracting(r -> r.path().toString(), TaskRun::state)
        .containsExactly(tuple("0.0", RunState.QUEUED), tuple("0.1", RunState.QUEUED));
  }

  @Test
  void theReaperRestartsAJobOnlyOnceItsEngineHasNoLiveNodeAndNoLeaseIsHeld() {
    InMemoryStore store = new InMemoryStore();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    RunProgress progress = new RunProgress(store, new LocalSignals(), clock, 3);
    Job job = new JobService(store, new LocalSignals(), clock).submit(JobSpecReader.read(THREE_TASKS, Format.YAML));
    Duration heartbeat = Duration.ofSeconds(1);
    store.saveNode(Node.starting("a", NodeRole.WORKER, "h", "1", Set.of("default"), NOW, heartbeat).onEngine("engine-a"));
    TaskRun first = store.claimNext(Set.of("default"), "a", "engine-a", NOW, NOW.plusSeconds(3)).orElseThrow();
    progress.finished(first, RunState.SUCCEEDED, 0, null, null);
    TaskRun second = store.claimNext(Set.of("default"), "a", "engine-a", NOW, NOW.plusSeconds(3)).orElseThrow();
    assertThat(store.claimNext(Set.of("default"), "b", "engine-b", NOW, NOW.plusSeconds(3))).isEmpty();

    new EngineReaper(store, progress, Clock.fixed(NOW.plusSeconds(2), ZoneOffset.UTC), Duration.ZERO).run();
    assertThat(store.runsOf(job.id())).as("a node of the engine is alive").hasSize(2);
    new EngineReaper(store, new RunProgress(store, new LocalSignals(), Clock.fixed(NOW.plusSeconds(2), ZoneOffset.UTC), 3),
        Clock.fixed(NOW.plusSeconds(20), ZoneOffset.UTC), Duration.ofSeconds(16)).run();
    assertThat(store.runsOf(job.id())).as("the engine is gone but the run holds its lease").hasSize(2);

    Clock later = Clock.fixed(NOW.plusSeconds(20), ZoneOffset.UTC);
    new EngineReaper(store, new RunProgress(store, new LocalSignals(), later, 3), later, Duration.ofSeconds(15)).run();
    new EngineReaper(store, new RunProgress(store, new LocalSignals(), later, 3), later, Duration.ofSeconds(15)).run();

    String lost = "engine engine-a lost: restarted from the first task on a new workspace";
    assertThat(store.runsOf(job.id())).as("once, though the reaper ran twice")
        .extracting(TaskRun::position, TaskRun::attempt, TaskRun::state, TaskRun::error)
        .containsExactlyInAnyOrder(tuple(1, 1, RunState.SUCCEEDED, null), tuple(2, 1, RunState.FAILED, lost),
            tuple(1, 2, RunState.QUEUED, null));
    assertThat(store.findRun(second.id()).orElseThrow().error()).isEqualTo(lost);
    assertThat(store.findJob(job.id()).orElseThrow()).extracting(Job::state, Job::position).containsExactly(JobState.QUEUED, 1);
    TaskRun elsewhere = store.claimNext(Set.of("default"), "b", "engine-b", NOW, NOW.plusSeconds(3)).orElseThrow();
    assertThat(elsewhere).extracting(TaskRun::position, TaskRun::attempt).containsExactly(1, 2);
  }

  @Test
  void afterThreeRestartsTheNextLossFailsTheJobNamingEveryLostEngine() {
    Job job = Job.queued("j", JobSpecReader.read(THREE_TASKS, Format.YAML), NOW).running(NOW).atPosition(2);
    TaskRun running = TaskRun.queued("r2", "j", 2, 4, 0, 0, "use", "default", NOW).claimed("n", NOW, NOW.plusSeconds(3));
    Instant later = NOW.plusSeconds(20);

    Progression restarted = Progression.engineLost(job, List.of(running), "e3", List.of("e1", "e2"), 5, later);
    assertThat(restarted.insertedRuns()).as("the third restart").extracting(TaskRun::position, TaskRun::attempt)
        .containsExactly(tuple(1, 5));

    Progression failed = Progression.engineLost(job, List.of(running), "e4", List.of("e1", "e2", "e3"), 5, later);

    String reason = "the engine of the job's workspace was lost 4 times (engines e1, e2, e3, e4): not restarted again after"
        + " 3 restarts";
    assertThat(failed.insertedRuns()).as("no fourth restart").isEmpty();
    assertThat(failed.changes()).contains(new UpdateRun(running.finished(RunState.FAILED, null, null, reason, later)),
        new ProgressChange.UnpinEngine("j"));
    Job after = ((UpdateJob) failed.changes().get(failed.changes().size() - 1)).job();
    assertThat(after).extracting(Job::state, Job::error).containsExactly(JobState.FAILED, reason);
    assertThat(failed.endsJob()).isTrue();
  }

  @Test
  void theLostEnginesAreReadFromTheRunsEachRestartEndedOnceEach() {
    String e1 = WorkspacePinning.engineLost("e1");
    TaskRun a = TaskRun.queued("a", "j", 1, 1, 0, 0, "make", "default", NOW).finished(RunState.FAILED, null, null, e1, NOW);
    TaskRun b = TaskRun.queued("b", "j", 2, 1, 0, 0, "use", "default", NOW).finished(RunState.CANCELLED, null, null, e1, NOW);
    TaskRun c = TaskRun.queued("c", "j", 1, 2, 0, 0, "make", "default", NOW)
        .finished(RunState.FAILED, null, null, WorkspacePinning.engineLost("e2"), NOW.plusSeconds(30));
    TaskRun other = TaskRun.queued("d", "j", 1, 3, 0, 0, "make", "default", NOW)
        .finished(RunState.FAILED, 1, null, "engine room on fire", NOW.plusSeconds(40));

    assertThat(WorkspacePinning.lostEngines(List.of(c, other, b, a))).containsExactly("e1", "e2");
  }

  @Test
  void theReaperRestartsAJobThreeTimesAndFailsItAtTheFourthLostEngine() {
    InMemoryStore store = new InMemoryStore();
    Clock start = Clock.fixed(NOW, ZoneOffset.UTC);
    Job job = new JobService(store, new LocalSignals(), start).submit(JobSpecReader.read(THREE_TASKS, Format.YAML));
    for (int loss = 1; loss <= 4; loss++) {
      Instant at = NOW.plusSeconds(100L * loss);
      store.saveNode(Node.starting("n" + loss, NodeRole.WORKER, "h", "1", Set.of("default"), at, Duration.ofSeconds(1))
          .onEngine("engine-" + loss));
      assertThat(store.claimNext(Set.of("default"), "n" + loss, "engine-" + loss, at, at.plusSeconds(3))).isPresent();
      Clock later = Clock.fixed(at.plusSeconds(20), ZoneOffset.UTC);
      new EngineReaper(store, new RunProgress(store, new LocalSignals(), later, 3), later, Duration.ofSeconds(15)).run();
    }

    Job failed = store.findJob(job.id()).orElseThrow();
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.error()).isEqualTo("the engine of the job's workspace was lost 4 times (engines engine-1, engine-2,"
        + " engine-3, engine-4): not restarted again after 3 restarts");
    assertThat(store.runsOf(job.id())).as("four attempts at the first task, none left waiting")
        .extracting(TaskRun::attempt, TaskRun::state)
        .containsExactlyInAnyOrder(tuple(1, RunState.FAILED), tuple(2, RunState.FAILED), tuple(3, RunState.FAILED),
            tuple(4, RunState.FAILED));
  }
}
