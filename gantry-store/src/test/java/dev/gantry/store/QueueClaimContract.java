package dev.gantry.store;

import static dev.gantry.store.TestJobs.T0;
import static dev.gantry.store.TestRows.saved;
import static dev.gantry.store.TestJobs.aJob;
import static dev.gantry.store.TestJobs.aRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.cluster.QueueSettings;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every database's claim must do with queue settings and run priorities; each database's
 * test only says where an empty database is (as for {@link StoreContract}).
 */
public abstract class QueueClaimContract extends EmptyDatabaseContract {

  @Test
  void keepsAndReplacesTheSettingsOfAQueueWhoseNameMayHoldColons() {
    store.saveQueueSettings(new QueueSettings("proj::first", 7, 2, false));
    store.saveQueueSettings(new QueueSettings("default", 1, 0, true));
    store.saveQueueSettings(new QueueSettings("proj::first", 9, 0, true));

    assertThat(store.queueSettings()).containsExactly(
        new QueueSettings("default", 1, 0, true), new QueueSettings("proj::first", 9, 0, true));
  }

  @Test
  void takesFromTheLowestPriorityNumberFirstThenTheOldest() {
    Job job = saved(store, aJob().build());
    TaskRun lateOld = saved(store, aRun(job).queue("late").createdAt(T0).build());
    TaskRun soonNew = saved(store, aRun(job).queue("soon").createdAt(T0.plusSeconds(5)).build());
    TaskRun unsetMiddle = saved(store, aRun(job).queue("unset").createdAt(T0.plusSeconds(1)).build());
    store.saveQueueSettings(new QueueSettings("late", 900, 0, true));
    store.saveQueueSettings(new QueueSettings("soon", 1, 0, true));

    assertThat(claimIds(Set.of("late", "soon", "unset"), 4))
        .containsExactly(soonNew.id(), unsetMiddle.id(), lateOld.id());
  }

  @Test
  void queuesOfEqualPriorityGiveTheOldestRun() {
    Job job = saved(store, aJob().build());
    TaskRun second = saved(store, aRun(job).queue("a").createdAt(T0.plusSeconds(1)).build());
    TaskRun first = saved(store, aRun(job).queue("b").createdAt(T0).build());
    store.saveQueueSettings(new QueueSettings("a", 3, 0, true));
    store.saveQueueSettings(new QueueSettings("b", 3, 0, true));

    assertThat(claimIds(Set.of("a", "b"), 3)).containsExactly(first.id(), second.id());
  }

  @Test
  void aDisabledQueueKeepsItsRunsUntilEnabled() {
    Job job = saved(store, aJob().build());
    TaskRun run = saved(store, aRun(job).queue("held").build());
    store.saveQueueSettings(new QueueSettings("held", 500, 0, false));

    assertThat(claimIds(Set.of("held"), 1)).isEmpty();

    store.saveQueueSettings(new QueueSettings("held", 500, 0, true));
    assertThat(claimIds(Set.of("held"), 1)).containsExactly(run.id());
  }

  @Test
  void withinAQueueTheHighestRunPriorityGoesFirstAndIsKept() {
    Job job = saved(store, aJob().build());
    TaskRun oldLow = saved(store, aRun(job).createdAt(T0).build());
    TaskRun newHigh = saved(store, aRun(job).createdAt(T0.plusSeconds(2)).priority(3).build());
    TaskRun middle = saved(store, aRun(job).createdAt(T0.plusSeconds(1)).priority(2).build());

    assertThat(claimIds(Set.of("default"), 4)).containsExactly(newHigh.id(), middle.id(), oldLow.id());
    assertThat(store.findRun(newHigh.id()).orElseThrow().priority()).isEqualTo(3);
  }

  @Test
  void aLimitCountsTheQueuesRunningRunsOnEveryNode() {
    Job job = saved(store, aJob().build());
    List<TaskRun> runs = IntStream.range(0, 4).mapToObj(i -> saved(store, aRun(job).queue("gpu").createdAt(T0.plusMillis(i)).build()))
        .toList();
    store.saveQueueSettings(new QueueSettings("gpu", 500, 2, true));

    assertThat(claim("node-a", "gpu")).isPresent();
    assertThat(claim("node-b", "gpu")).isPresent();
    assertThat(claim("node-c", "gpu")).isEmpty();

    TaskRun first = store.findRun(runs.get(0).id()).orElseThrow();
    store.inTransaction(tx -> {
      tx.updateRun(first.finished(RunState.SUCCEEDED, 0, null, null, T0.plusSeconds(1)));
      return null;
    });
    assertThat(claim("node-c", "gpu")).map(TaskRun::id).contains(runs.get(2).id());
    assertThat(claim("node-a", "gpu")).isEmpty();
  }

  @Test
  void aFullQueueLetsTheNextQueueServe() {
    Job job = saved(store, aJob().build());
    saved(store, aRun(job).queue("first").createdAt(T0).build());
    saved(store, aRun(job).queue("first").createdAt(T0.plusMillis(1)).build());
    TaskRun other = saved(store, aRun(job).queue("second").createdAt(T0.plusMillis(2)).build());
    store.saveQueueSettings(new QueueSettings("first", 1, 1, true));
    store.saveQueueSettings(new QueueSettings("second", 2, 0, true));

    assertThat(claim("node-a", "first", "second")).map(TaskRun::queue).contains("first");
    assertThat(claim("node-a", "first", "second")).map(TaskRun::id).contains(other.id());
    assertThat(claim("node-a", "first", "second")).isEmpty();
  }

  @Test
  void aLimitedQueueThatIsEmptyOrFullIsPassedOverWithoutWaitingForItsRow() throws Exception {
    Job job = saved(store, aJob().build());
    store.saveQueueSettings(new QueueSettings("gpu", 500, 1, true));

    // Another claimer holds the queue's row: a claim that could not take anything does not wait for it.
    assertThat(claimWhileTheRowIsHeld("gpu")).isEmpty(); // nothing queued
    TaskRun running = saved(store, aRun(job).queue("gpu").createdAt(T0).build());
    assertThat(claim("node-a", "gpu")).map(TaskRun::id).contains(running.id());
    TaskRun waiting = saved(store, aRun(job).queue("gpu").createdAt(T0.plusMillis(1)).build());
    assertThat(claimWhileTheRowIsHeld("gpu")).isEmpty(); // full
    assertThat(claim("node-b", "gpu")).isEmpty();

    store.inTransaction(tx -> {
      tx.updateRun(store.findRun(running.id()).orElseThrow().finished(RunState.SUCCEEDED, 0, null, null, T0.plusSeconds(1)));
      return null;
    });
    assertThat(claim("node-b", "gpu")).map(TaskRun::id).contains(waiting.id());
  }

  /**
   * A claim of {@code queue} while another transaction holds its row locked; fails if it waits for the row
   * (on PostgreSQL it would wait until the holder ends, past the deadline; on H2 until its 10 s lock timeout).
   */
  private Optional<TaskRun> claimWhileTheRowIsHeld(String queue) throws Exception {
    try (Connection holder = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock = holder.prepareStatement("select name from queues where name = ? for update")) {
        lock.setString(1, queue);
        lock.executeQuery().close();
        return CompletableFuture.supplyAsync(() -> claim("node-x", queue)).get(30, TimeUnit.SECONDS);
      } finally {
        holder.rollback();
      }
    }
  }

  @Test
  void concurrentClaimersNeverExceedTheLimit() throws Exception {
    Job job = saved(store, aJob().build());
    for (int i = 0; i < 40; i++) {
      saved(store, aRun(job).queue("limited").createdAt(T0.plusMillis(i)).build());
    }
    store.saveQueueSettings(new QueueSettings("limited", 500, 3, true));
    List<String> claimed = new CopyOnWriteArrayList<>();

    StoreContract.runConcurrently(8, () -> {
      String node = "node-" + Thread.currentThread().getId();
      for (int i = 0; i < 10; i++) {
        claim(node, "limited").ifPresent(run -> claimed.add(run.id()));
      }
      return null;
    });

    assertThat(claimed).hasSize(3).doesNotHaveDuplicates();
  }

  private Optional<TaskRun> claim(String node, String... queues) {
    return store.claimNext(Set.of(queues), node, T0, T0.plusSeconds(30));
  }

  private List<String> claimIds(Set<String> queues, int times) {
    return IntStream.range(0, times)
        .mapToObj(i -> store.claimNext(queues, "node-1", T0, T0.plusSeconds(30)))
        .flatMap(Optional::stream).map(TaskRun::id).toList();
  }
}
