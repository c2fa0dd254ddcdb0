package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.ManualWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Output another process stored reaches a follower here as soon as it is announced (a notice of
 * job and part id, no contents), not at the next poll; the poll period here is a minute so that
 * only the notice can explain a prompt delivery.
 */
class LogFeedAcrossProcessesTest {

  private static final Duration POLL = Duration.ofMinutes(1);
  /** Generous for a loaded machine, and still far below the minute the poll would take. */
  private static final Duration PROMPT = Duration.ofSeconds(20);

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStore store = new InMemoryStore();
  private final LocalSignals signals = new LocalSignals();
  private final LogFeed feed = new LogFeed(store, signals, POLL, 1 << 20);
  private final JobService jobs = new JobService(store, signals, clock, feed);
  private final ManualWorker worker = new ManualWorker(store, signals, clock);
  private final ScheduledExecutorService elsewhere = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    elsewhere.shutdownNow();
  }

  private String job() {
    Job job = jobs.submit(new JobSpec("j", null, List.of(), Map.of(), List.of(JobEndTest.task("t", false))));
    return job.id();
  }

  /** Stores a part as a worker in another process would: in the store, announced only by a notice, later. */
  private void storeElsewhere(TaskRun run, int number, String contents, long noticeAfterMillis) {
    LogPart part = store.appendLog(run.jobId(), run.id(), number, LogPart.Stream.STDOUT, contents, clock.instant());
    elsewhere.schedule(() -> signals.logStoredElsewhere(run.jobId(), part.id()), noticeAfterMillis, TimeUnit.MILLISECONDS);
  }

  private static List<String> next(LogFollower follower) throws InterruptedException {
    List<String> got = new ArrayList<>();
    follower.next(PROMPT).forEach(p -> got.add(p.contents()));
    return got;
  }

  @Test
  void aNoticeOfAPartStoredElsewhereWakesAWaitingFollowerAtOnce() throws InterruptedException {
    String id = job();
    TaskRun run = worker.claim();
    try (LogFollower follower = jobs.follow(id, 0)) {
      assertThat(follower.next(Duration.ZERO)).isEmpty();
      for (int i = 1; i <= 3; i++) {
        storeElsewhere(run, i, "line " + i + "\n", 100);
        long start = System.nanoTime();
        assertThat(next(follower)).containsExactly("line " + i + "\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
      }
    }
  }

  @Test
  void oneNoticeForManyPartsBringsThemAllPageByPage() throws InterruptedException {
    String id = job();
    TaskRun run = worker.claim();
    try (LogFollower follower = jobs.follow(id, 0)) {
      assertThat(follower.next(Duration.ZERO)).isEmpty();
      int count = LogFeed.PAGE * 3 + 5;
      LogPart last = null;
      for (int i = 1; i <= count; i++) {
        last = store.appendLog(id, run.id(), i, LogPart.Stream.STDOUT, i + "\n", clock.instant());
      }
      signals.logStoredElsewhere(id, last.id()); // coalesced: one notice for the lot

      List<String> got = new ArrayList<>();
      long start = System.nanoTime();
      while (got.size() < count && System.nanoTime() - start < PROMPT.toNanos()) {
        follower.next(PROMPT).forEach(p -> got.add(p.contents()));
      }
      assertThat(got).hasSize(count).startsWith("1\n").endsWith(count + "\n");
    }
  }

  @Test
  void theEchoOfAPartThisProcessAnnouncedIsNotDeliveredTwice() throws InterruptedException {
    String id = job();
    TaskRun run = worker.claim();
    try (LogFollower follower = jobs.follow(id, 0)) {
      LogPart part = worker.log(run, 1, "here\n");
      assertThat(next(follower)).containsExactly("here\n");

      signals.logStoredElsewhere(id, part.id()); // this process's own part, echoed by the database

      assertThat(follower.next(Duration.ofMillis(200))).isEmpty();
      worker.log(run, 2, "then\n");
      assertThat(next(follower)).containsExactly("then\n");
    }
  }

  @Test
  void aNoticeForAJobNobodyFollowsIsDropped() {
    signals.logStoredElsewhere("nobody-follows-this", 42);
    assertThat(feed.topicCount()).isZero();
  }

  @Test
  void missedSignalsMakeFollowersReadTheStoreForPartsAndTheEnd() throws InterruptedException {
    String id = job();
    TaskRun run = worker.claim();
    try (LogFollower follower = jobs.follow(id, 0)) {
      assertThat(follower.next(Duration.ZERO)).isEmpty();
      // Stored and ended elsewhere while the notices were lost: nothing announced either.
      store.appendLog(id, run.id(), 1, LogPart.Stream.STDOUT, "lost notice\n", clock.instant());
      new RunProgress(store, new LocalSignals(), clock, 3).finished(run, RunState.SUCCEEDED, 0, null, null);
      elsewhere.schedule(signals::signalsMissed, 100, TimeUnit.MILLISECONDS);

      long start = System.nanoTime();
      assertThat(next(follower)).containsExactly("lost notice\n");
      assertThat(follower.next(PROMPT)).isEmpty();
      assertThat(follower.isDone()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT.multipliedBy(2));
    }
  }
}
