package dev.gantry.store;

import static dev.gantry.store.TestJobs.T0;
import static dev.gantry.store.TestRows.saved;
import static dev.gantry.store.TestJobs.aJob;
import static dev.gantry.store.TestJobs.aRun;
import static dev.gantry.store.TestJobs.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.core.engine.EngineReaper;
import dev.gantry.core.engine.LocalSignals;
import dev.gantry.core.engine.RunProgress;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every database's claim must do with jobs pinned to the Docker engine of their workspace
 * (see {@link dev.gantry.core.cluster.WorkspacePinning}); each database's test only says where an
 * empty database is.
 */
public abstract class EnginePinContract extends EmptyDatabaseContract {

  private static final Instant LEASE = T0.plusSeconds(30);
  @Test
  void aRunOfAPinnedJobIsNotClaimedByAWorkerOfAnotherEngine() {
    Job job = saved(store, twoTasks());
    TaskRun first = saved(store, aRun(job).position(1).build());
    assertThat(claim("a-1", "engine-a")).map(TaskRun::id).contains(first.id());
    TaskRun second = saved(store, aRun(job).position(2).createdAt(T0.plusSeconds(1)).build());

    assertThat(claim("b-1", "engine-b")).isEmpty();
    assertThat(claim("none", null)).as("a node of no known engine").isEmpty();
    assertThat(claim("a-2", "engine-a")).map(TaskRun::id).as("another worker of the same engine").contains(second.id());
  }

  @Test
  void anUnpinnedJobIsClaimedByAnyEngine() {
    Job single = saved(store, aJob().build());
    TaskRun once = saved(store, aRun(single).build());
    TaskRun retry = saved(store, aRun(single).attempt(2).createdAt(T0.plusSeconds(1)).build());
    Job pins = saved(store, twoTasks());
    TaskRun beforeItsPin = saved(store, aRun(pins).createdAt(T0.plusSeconds(2)).build());

    assertThat(claim("a-1", "engine-a")).map(TaskRun::id).contains(once.id());
    assertThat(claim("b-1", "engine-b")).map(TaskRun::id).as("a one-task job pins nothing").contains(retry.id());
    assertThat(claim("b-1", "engine-b")).map(TaskRun::id).as("nor has this one been pinned yet").contains(beforeItsPin.id());
  }

  @Test
  void runsQueuedBeforeTheirJobWasPinnedFollowThePin() {
    Job job = saved(store, twoTasks());
    TaskRun left = saved(store, aRun(job).position(1).build());
    TaskRun right = saved(store, aRun(job).position(2).createdAt(T0.plusMillis(1)).build());
    Job other = saved(store, aJob().build());
    TaskRun elsewhere = saved(store, aRun(other).createdAt(T0.plusSeconds(1)).build());

    assertThat(claim("a-1", "engine-a")).map(TaskRun::id).contains(left.id());
    assertThat(claim("b-1", "engine-b")).map(TaskRun::id).as("the sibling is skipped, the next job taken").contains(elsewhere.id());
    assertThat(claim("b-1", "engine-b")).isEmpty();
    assertThat(claim("a-2", "engine-a")).map(TaskRun::id).contains(right.id());
  }

  @Test
  void runsPinnedElsewhereAheadInTheQueueDoNotHideTheNextOne() {
    Job pinned = saved(store, twoTasks());
    saved(store, aRun(pinned).build());
    claim("a-1", "engine-a").orElseThrow();
    store.inTransaction(tx -> {
      tx.insertRuns(IntStream.range(0, 500).mapToObj(i -> aRun(pinned).position(2).attempt(i + 1)
          .createdAt(T0.plusMillis(i)).build()).toList());
      return null;
    });
    Job mine = saved(store, aJob().build());
    TaskRun last = saved(store, aRun(mine).createdAt(T0.plusSeconds(10)).build());

    assertThat(claim("b-1", "engine-b")).map(TaskRun::id).contains(last.id());
  }

  @Test
  void aJobIsOnALostEngineOnlyOnceNoNodeOnItHasBeenAliveAndItsPinGoesWhenItEnds() {
    Job job = saved(store, twoTasks());
    saved(store, aRun(job).build());
    claim("a-1", "engine-a").orElseThrow();
    Duration heartbeat = Duration.ofSeconds(1);
    store.saveNode(Node.starting("a-1", NodeRole.WORKER, "host-a", "test", Set.of("default"), T0, heartbeat).onEngine("engine-a"));
    store.saveNode(Node.starting("b-1", NodeRole.WORKER, "host-b", "test", Set.of("default"), T0.plusSeconds(60), heartbeat)
        .onEngine("engine-b"));
    Instant aliveUntilA = T0.plus(heartbeat.multipliedBy(Node.MISSED_HEARTBEATS));

    assertThat(store.jobsOnLostEngines(aliveUntilA, 10)).isEmpty();
    assertThat(store.nodes()).extracting(Node::engineId).containsExactly("engine-a", "engine-b");
    assertThat(store.jobsOnLostEngines(aliveUntilA.plusMillis(1), 10)).containsExactly(job.id());
    assertThat(lostEngineOf(job, aliveUntilA.plusMillis(1))).contains("engine-a");
    assertThat(lostEngineOf(job, aliveUntilA)).isEmpty();

    store.inTransaction(tx -> {
      tx.updateJob(tx.lockJob(job.id()).orElseThrow().failed(JobState.FAILED, "ended", T0.plusSeconds(2)));
      return null;
    });
    assertThat(store.jobsOnLostEngines(aliveUntilA.plusMillis(1), 10)).isEmpty();
  }

  @Test
  void aJobUnpinnedIsPinnedAgainByTheNextClaim() {
    Job job = saved(store, twoTasks());
    saved(store, aRun(job).build());
    claim("a-1", "engine-a").orElseThrow();
    store.inTransaction(tx -> {
      tx.unpinEngine(job.id());
      return null;
    });
    TaskRun again = saved(store, aRun(job).attempt(2).createdAt(T0.plusSeconds(1)).build());

    assertThat(claim("b-1", "engine-b")).map(TaskRun::id).contains(again.id());
    saved(store, aRun(job).position(2).createdAt(T0.plusSeconds(2)).build());
    assertThat(claim("a-1", "engine-a")).isEmpty();
  }

  @Test
  void aJobWhoseEngineIsLostAFourthTimeFailsNamingTheLostEngines() {
    Job job = saved(store, twoTasks());
    saved(store, aRun(job).build());
    for (int loss = 1; loss <= 4; loss++) {
      Instant at = T0.plusSeconds(100L * loss);
      store.saveNode(Node.starting("n" + loss, NodeRole.WORKER, "h", "test", Set.of("default"), at, Duration.ofSeconds(1))
          .onEngine("engine-" + loss));
      assertThat(store.claimNext(Set.of("default"), "n" + loss, "engine-" + loss, at, at.plusSeconds(3))).isPresent();
      Clock later = Clock.fixed(at.plusSeconds(20), ZoneOffset.UTC);
      new EngineReaper(store, new RunProgress(store, new LocalSignals(), later, 3), later, Duration.ofSeconds(15)).run();
      assertThat(store.findJob(job.id()).orElseThrow().state().isTerminal()).as("after loss %d", loss).isEqualTo(loss == 4);
    }

    assertThat(store.findJob(job.id()).orElseThrow().error()).isEqualTo("the engine of the job's workspace was lost 4 times"
        + " (engines engine-1, engine-2, engine-3, engine-4): not restarted again after 3 restarts");
    assertThat(store.runsOf(job.id())).extracting(TaskRun::state).containsOnly(RunState.FAILED).hasSize(4);
    assertThat(store.jobsOnLostEngines(T0.plusSeconds(1000), 10)).as("its pin is gone with it").isEmpty();
  }

  private Optional<String> lostEngineOf(Job job, Instant aliveSince) {
    return store.inTransaction(tx -> tx.lostEngineOf(job.id(), aliveSince));
  }

  private static Job twoTasks() {
    return aJob().tasks(task("first"), task("second")).build();
  }

  private Optional<TaskRun> claim(String node, String engine) {
    return store.claimNext(Set.of("default"), node, engine, T0, LEASE);
  }
}
