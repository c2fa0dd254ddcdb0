package dev.gantry.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private final InMemoryStore store = new InMemoryStore();

  private static Job job(String id, String name, Instant at, String... tags) {
    TaskSpec task = new TaskSpec("t", null, "busybox", "true", List.of(), List.of(), Map.of(), Map.of(), null, null,
        0, null, null, null);
    return Job.queued(id, new JobSpec(name, "about " + name, List.of(tags), Map.of(), List.of(task)), at);
  }

  private void insert(Job job) {
    store.inTransaction(tx -> {
      tx.insertJob(job);
      tx.insertRun(TaskRun.queued("run-" + job.id(), job.id(), 1, 1, 0, 0, "t", "default", job.createdAt()));
      return null;
    });
  }

  @Test
  void aFailedTransactionLeavesNoTrace() {
    insert(job("a", "first", T0));
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.updateJob(tx.lockJob("a").orElseThrow().cancelled(T0));
      tx.insertJob(job("b", "second", T0));
      tx.insertRun(TaskRun.queued("run-b", "b", 1, 1, 0, 0, "t", "default", T0));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(store.findJob("a").orElseThrow().state()).isEqualTo(JobState.QUEUED);
    assertThat(store.findJob("b")).isEmpty();
    assertThat(store.findRun("run-b")).isEmpty();
  }

  @Test
  void listsNewestFirstWithWordsTagsAndPages() {
    insert(job("a", "build docs", T0, "docs"));
    insert(job("b", "build app", T0.plusSeconds(1), "app", "nightly"));
    insert(job("c", "deploy app", T0.plusSeconds(2), "app"));

    assertThat(store.listJobs(JobQuery.parse(null, 1, 2)).items()).extracting(Job::id).containsExactly("c", "b");
    assertThat(store.listJobs(JobQuery.parse(null, 2, 2)).items()).extracting(Job::id).containsExactly("a");
    assertThat(store.listJobs(JobQuery.parse(null, 2, 2)).totalItems()).isEqualTo(3);
    assertThat(store.listJobs(JobQuery.parse("BUILD", 1, 10)).items()).extracting(Job::id).containsExactly("b", "a");
    assertThat(store.listJobs(JobQuery.parse("tag:app", 1, 10)).items()).extracting(Job::id).containsExactly("c", "b");
    assertThat(store.listJobs(JobQuery.parse("tags:app,nightly queued", 1, 10)).items()).extracting(Job::id)
        .containsExactly("b");
  }

  @Test
  void eachQueuedRunIsClaimedOnceEvenUnderContention() throws Exception {
    for (int i = 0; i < 50; i++) {
      insert(job("j" + i, "job " + i, T0.plusMillis(i)));
    }
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String node = "node-" + w;
        counts.add(pool.submit(() -> {
          int n = 0;
          while (store.claimNext(Set.of("default"), node, T0, T0.plusSeconds(60)).map(r -> claimed.add(r.id())).isPresent()) {
            n++;
          }
          return n;
        }));
      }
      int total = 0;
      for (Future<Integer> count : counts) {
        total += count.get();
      }
      assertThat(total).isEqualTo(50);
      assertThat(claimed).hasSize(50);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void claimsOldestFirstAndTracksLeases() {
    insert(job("late", "late", T0.plusSeconds(5)));
    insert(job("early", "early", T0));

    TaskRun run = store.claimNext(Set.of("default"), "n1", T0, T0.plusSeconds(30)).orElseThrow();
    assertThat(run.jobId()).isEqualTo("early");
    assertThat(run.state()).isEqualTo(RunState.RUNNING);
    assertThat(store.claimNext(Set.of("other"), "n1", T0, T0.plusSeconds(30))).isEmpty();

    assertThat(store.renewLease(run.id(), "n2", T0.plusSeconds(90))).isFalse();
    assertThat(store.expiredLeases(T0.plusSeconds(31))).extracting(TaskRun::id).containsExactly(run.id());
    assertThat(store.renewLease(run.id(), "n1", T0.plusSeconds(90))).isTrue();
    assertThat(store.expiredLeases(T0.plusSeconds(31))).isEmpty();
  }

  @Test
  void logsPageNewestFirstAndFollowOldestFirst() {
    insert(job("a", "a", T0));
    insert(job("b", "b", T0));
    List<LogPart> parts = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      parts.add(store.appendLog("a", "run-a", i, "line " + i, T0.plus(Duration.ofSeconds(i))));
      store.appendLog("b", "run-b", i, "other " + i, T0);
    }

    assertThat(store.jobLog("a", 1, 2).items()).extracting(LogPart::number).containsExactly(5, 4);
    assertThat(store.runLog("run-a", 3, 2).items()).extracting(LogPart::number).containsExactly(1);
    assertThat(store.runLog("run-a", 3, 2).totalPages()).isEqualTo(3);
    assertThat(store.jobLogAfter("a", parts.get(2).id(), 10)).extracting(LogPart::number).containsExactly(4, 5);
  }
}
