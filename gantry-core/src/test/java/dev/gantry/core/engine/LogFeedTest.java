package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.ManualWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Followers get a job's history and then its live output, in order and once, and leave nothing behind. */
class LogFeedTest {

  private static final Duration NO_WAIT = Duration.ZERO;
  private static final Duration LONG = Duration.ofSeconds(10);

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStore store = new InMemoryStore();
  private final LocalSignals signals = new LocalSignals();
  private final LogFeed feed = new LogFeed(store, signals, Duration.ofMillis(50), 100);
  private final JobService jobs = new JobService(store, signals, clock, feed);
  private final ManualWorker worker = new ManualWorker(store, signals, clock);

  private String job() {
    Job job = jobs.submit(new JobSpec("j", null, List.of(), Map.of(), List.of(JobEndTest.task("t", false))));
    return job.id();
  }

  /** Reads until {@code count} parts came (or the follower is done); each call waits at most {@code LONG}. */
  private static List<String> read(LogFollower follower, int count) throws InterruptedException {
    List<String> got = new ArrayList<>();
    while (got.size() < count && !follower.isDone()) {
      List<LogPart> parts = follower.next(LONG);
      parts.forEach(p -> got.add(p.contents()));
    }
    return got;
  }

  @Test
  void aLateFollowerGetsTheHistoryThenTheLiveTailThenTheEnd() throws InterruptedException {
    String id = job();
    TaskRun run = worker.claim();
    worker.log(run, 1, "one\n");
    worker.log(run, 2, "two\n");
    try (LogFollower follower = jobs.follow(id, 0)) {
      assertThat(read(follower, 2)).containsExactly("one\n", "two\n");
      worker.log(run, 3, LogPart.Stream.STDERR, "three\n");
      assertThat(read(follower, 1)).containsExactly("three\n");
      worker.succeed(run, null);
      assertThat(read(follower, 1)).isEmpty();
      assertThat(follower.isDone()).isTrue();
    }
    assertThat(jobs.logFollowers()).isZero();
    assertThat(feed.topicCount()).isZero();
  }

  @Test
  void aPartStoredWhileTheFollowerReadsHistoryComesOnceAndInOrder() throws InterruptedException {
    String id = job();
    TaskRun run = worker.claim();
    worker.log(run, 1, "one\n");
    try (LogFollower follower = jobs.follow(id, 0)) {
      // stored and announced after the follower joined but before it read the store: in both, delivered once
      worker.log(run, 2, "two\n");
      assertThat(read(follower, 2)).containsExactly("one\n", "two\n");
      assertThat(follower.next(NO_WAIT)).isEmpty();
    }
  }

  @Test
  void manyFollowersShareOnePublishAndAllGetEverything() throws InterruptedException {
    String id = job();
    TaskRun run = worker.claim();
    List<LogFollower> followers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      followers.add(jobs.follow(id, 0));
    }
    assertThat(feed.topicCount()).isEqualTo(1);
    worker.log(run, 1, "a\n");
    worker.log(run, 2, "b\n");
    for (LogFollower follower : followers) {
      assertThat(read(follower, 2)).containsExactly("a\n", "b\n");
      follower.close();
    }
    assertThat(jobs.logFollowers()).isZero();
    assertThat(feed.topicCount()).isZero();
  }

  @Test
  void aFollowerThatFallsBehindTheWindowCatchesUpFromTheStore() throws InterruptedException {
    String id = job();
    TaskRun run = worker.claim();
    try (LogFollower slow = jobs.follow(id, 0)) {
      List<String> printed = new ArrayList<>();
      for (int i = 1; i <= 30; i++) {
        String line = "line " + i + " " + "x".repeat(20) + "\n";
        printed.add(line);
        worker.log(run, i, line); // the window holds 100 characters: about 3 of these parts
      }
      assertThat(read(slow, 30)).containsExactlyElementsOf(printed);
    }
  }

  @Test
  void followingFromAnIdResumesAfterIt() throws InterruptedException {
    String id = job();
    TaskRun run = worker.claim();
    LogPart first = worker.log(run, 1, "one\n");
    worker.log(run, 2, "two\n");
    try (LogFollower follower = jobs.follow(id, first.id())) {
      assertThat(read(follower, 1)).containsExactly("two\n");
    }
  }

  @Test
  void outputAndTheEndThatNoSignalAnnouncedArriveByPolling() throws InterruptedException {
    String id = job();
    TaskRun run = worker.claim();
    try (LogFollower follower = jobs.follow(id, 0)) {
      assertThat(follower.next(NO_WAIT)).isEmpty();
      // as a worker in another process would: stored, never announced here
      store.appendLog(id, run.id(), 1, "remote\n", clock.instant());
      store.inTransaction(tx -> {
        tx.updateJob(tx.lockJob(id).orElseThrow().succeeded(null, clock.instant()));
        return null;
      });
      assertThat(read(follower, 1)).containsExactly("remote\n");
      assertThat(read(follower, 1)).isEmpty();
      assertThat(follower.isDone()).isTrue();
    }
  }

  @Test
  void aFollowerOfAnEndedJobGetsItsHistoryAndEnds() throws InterruptedException {
    String id = job();
    TaskRun run = worker.claim();
    worker.log(run, 1, "only\n");
    worker.succeed(run, null);
    try (LogFollower follower = jobs.follow(id, 0)) {
      assertThat(read(follower, 5)).containsExactly("only\n");
      assertThat(follower.isDone()).isTrue();
    }
    assertThat(feed.topicCount()).isZero();
  }

  @Test
  void aJobNobodyFollowsCostsNoTopic() {
    String id = job();
    TaskRun run = worker.claim();
    AtomicInteger announced = new AtomicInteger();
    signals.onLogAppended(p -> announced.incrementAndGet());
    worker.log(run, 1, "unheard\n");
    assertThat(announced).hasValue(1);
    assertThat(feed.topicCount()).isZero();
  }

  @Test
  void followingAnUnknownJobFailsAndLeavesNothing() {
    assertThatThrownBy(() -> jobs.follow("nope", 0)).isInstanceOf(NotFoundException.class);
    assertThat(jobs.logFollowers()).isZero();
    assertThat(feed.topicCount()).isZero();
  }
}
