package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.StoreTransaction;
import dev.gantry.core.testing.InMemoryStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit: every caller learns its own outcome, only after the commit that holds its job. */
class SubmitGroupsTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(10);

  private final InMemoryStore memory = new InMemoryStore();
  private final AtomicInteger transactions = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  /** The ids of the jobs each transaction inserted, in commit order. */
  private final List<List<String>> groupsStored = new CopyOnWriteArrayList<>();
  /**
   * The in-memory store with two write lanes, counting transactions; each waits at the gate while
   * it is closed.
   */
  private final Store store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
      (proxy, method, args) -> {
        if (method.getName().equals("writeLanes")) {
          return 2;
        }
        if (method.getName().equals("inTransaction")) {
          transactions.incrementAndGet();
          gate.await();
          args = new Object[] {recordingInserts((Function<StoreTransaction, ?>) args[0])};
        }
        try {
          return method.invoke(memory, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      });
  private final SubmitGroups groups = new SubmitGroups(store);

  /** The work, with the jobs it inserts recorded in {@link #groupsStored} once it returns. */
  private Function<StoreTransaction, ?> recordingInserts(Function<StoreTransaction, ?> work) {
    return tx -> {
      List<String> ids = new ArrayList<>();
      StoreTransaction recording = (StoreTransaction) Proxy.newProxyInstance(StoreTransaction.class.getClassLoader(),
          new Class<?>[] {StoreTransaction.class}, (proxy, method, args) -> {
            if (method.getName().equals("insertJobs")) {
              ((List<?>) args[0]).forEach(job -> ids.add(((Job) job).id()));
            }
            try {
              return method.invoke(tx, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      Object result = work.apply(recording);
      groupsStored.add(ids);
      return result;
    };
  }
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() throws InterruptedException {
    gate.countDown();
    callers.shutdownNow();
    assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private static Job job(String id) {
    return job(id, List.of());
  }

  private static Job job(String id, List<String> tags) {
    return Job.queued(id, new JobSpec(id, null, tags, Map.of(), List.of(JobEndTest.task("t", false))), Instant.now());
  }

  private Future<Void> submit(Job job) {
    return callers.submit(() -> {
      groups.store(job, Progression.submitted(job, job.createdAt()).insertedRuns());
      return null;
    });
  }

  /** Submits that fill every lane with a transaction held at the closed gate. */
  private List<Future<Void>> fillTheLanes() {
    gate = new CountDownLatch(1);
    List<Future<Void>> held = new ArrayList<>();
    for (int lane = 0; lane < store.writeLanes(); lane++) {
      held.add(submit(job("held-" + lane)));
      int open = lane + 1;
      await().atMost(PROMPTLY).until(() -> transactions.get() == open);
    }
    return held;
  }

  @Test
  void submitsWaitingWhileTheLanesCommitGoIntoTheNextTransactionTogether() throws Exception {
    List<Future<Void>> held = fillTheLanes();
    List<Future<Void>> next = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      next.add(submit(job("next-" + i)));
    }
    await().atMost(PROMPTLY).until(() -> groups.waiting() == 5);

    assertThat(held.get(0).isDone()).isFalse();
    assertThat(memory.findJob("held-0")).isEmpty(); // not committed: its caller still waits
    gate.countDown();

    for (Future<Void> submit : held) {
      submit.get(10, TimeUnit.SECONDS);
    }
    for (Future<Void> submit : next) {
      submit.get(10, TimeUnit.SECONDS);
    }
    assertThat(transactions.get()).isEqualTo(store.writeLanes() + 1);
    for (int i = 0; i < 5; i++) {
      assertThat(memory.findJob("next-" + i)).isPresent();
      assertThat(memory.runsOf("next-" + i)).hasSize(1);
    }
  }

  @Test
  void aJobTooLargeToShareATransactionCommitsAloneAndTheSmallOnesBehindItDoNotWaitForIt() throws Exception {
    List<String> manyTags = IntStream.range(0, SubmitGroups.MAX_GROUP_ROWS).mapToObj(i -> "t" + i).toList();
    List<Future<Void>> held = fillTheLanes();
    List<Future<Void>> next = new ArrayList<>();
    next.add(submit(job("small-0")));
    await().atMost(PROMPTLY).until(() -> groups.waiting() == 1);
    next.add(submit(job("large", manyTags)));
    await().atMost(PROMPTLY).until(() -> groups.waiting() == 2);
    next.add(submit(job("small-1")));
    await().atMost(PROMPTLY).until(() -> groups.waiting() == 3);
    next.add(submit(job("small-2")));
    await().atMost(PROMPTLY).until(() -> groups.waiting() == 4);
    gate.countDown();

    for (Future<Void> submit : held) {
      submit.get(10, TimeUnit.SECONDS);
    }
    for (Future<Void> submit : next) {
      submit.get(10, TimeUnit.SECONDS);
    }
    // (the held transactions may record theirs after these: their threads run as they are scheduled)
    assertThat(groupsStored.stream().filter(ids -> ids.stream().noneMatch(id -> id.startsWith("held-"))))
        .containsExactlyInAnyOrder(List.of("small-0", "small-1", "small-2"), List.of("large"));
    assertThat(memory.findJob("large")).isPresent();
  }

  @Test
  void aSubmitThatCannotBeStoredFailsOnlyItsOwnCaller() throws Exception {
    memory.inTransaction(tx -> {
      tx.insertJob(job("taken"));
      return null;
    });
    List<Future<Void>> held = fillTheLanes();
    Future<Void> before = submit(job("before"));
    await().atMost(PROMPTLY).until(() -> groups.waiting() == 1);
    Future<Void> duplicate = submit(job("taken"));
    await().atMost(PROMPTLY).until(() -> groups.waiting() == 2);
    Future<Void> after = submit(job("after"));
    await().atMost(PROMPTLY).until(() -> groups.waiting() == 3);
    gate.countDown();

    for (Future<Void> submit : held) {
      submit.get(10, TimeUnit.SECONDS);
    }
    before.get(10, TimeUnit.SECONDS);
    after.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("job taken already exists");
    // the group of three failed as a whole, then each was tried alone
    assertThat(transactions.get()).isEqualTo(store.writeLanes() + 1 + 3);
    assertThat(memory.findJob("before")).isPresent();
    assertThat(memory.findJob("after")).isPresent();
    assertThat(memory.runsOf("taken")).isEmpty(); // nothing of the failed submit was stored
  }

  @Test
  void manyConcurrentCallersEachReturnOnlyOnceTheirJobIsStored() throws Exception {
    int callersCount = 16;
    int each = 50;
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int c = 0; c < callersCount; c++) {
      int caller = c;
      all.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < each; i++) {
          Job job = job("c" + caller + "-" + i);
          groups.store(job, Progression.submitted(job, job.createdAt()).insertedRuns());
          assertThat(memory.findJob(job.id())).isPresent();
        }
      }, callers));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    assertThat(memory.listJobs(JobQuery.parse(null, 1, 1)).totalItems())
        .isEqualTo(callersCount * each);
    assertThat(groups.waiting()).isZero();
  }
}
