package dev.gantry.core.engine;

import static dev.gantry.core.testing.ScriptedRuntime.fails;
import static dev.gantry.core.testing.ScriptedRuntime.runsUntilCancelled;
import static dev.gantry.core.testing.ScriptedRuntime.succeeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.ScriptedRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine with real threads, an in-memory store and scripted tasks: state transitions, not containers. */
class WorkerTest {

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStore store = new InMemoryStore();
  private final LocalSignals signals = new LocalSignals();
  private final ScriptedRuntime runtime = new ScriptedRuntime();
  private final RunProgress progress = new RunProgress(store, signals, clock, 3);
  private final JobService jobs = new JobService(store, signals, clock);
  private Worker worker;

  private Worker startWorker(String nodeId, Duration lease, Duration grace) {
    Worker w = new Worker(store, runtime, progress, signals, clock,
        new WorkerSettings(nodeId, Set.of(TaskSpec.DEFAULT_QUEUE), 2, lease, Duration.ofMillis(200), grace));
    w.start();
    return w;
  }

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  private Job submit(String yaml) {
    return jobs.submit(JobSpecReader.read(yaml, Format.YAML));
  }

  private Job awaitState(String jobId, JobState state) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> jobs.job(jobId), job -> job.state() == state);
  }

  private List<RunState> runStates(String jobId) {
    return jobs.runs(jobId).stream().map(TaskRun::state).toList();
  }

  @Test
  void runsTasksInOrderAndKeepsTheLastResultAndTheOutput() {
    runtime.when("one", succeeds("first", "hello from one")).when("two", succeeds("second", "hello from two"));
    worker = startWorker("n1", Duration.ofSeconds(30), Duration.ofSeconds(1));
    Job job = submit("name: j\ntasks: [{name: one, image: busybox}, {name: two, image: busybox}]");
    Job done = awaitState(job.id(), JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo("second");
    assertThat(runtime.executed()).extracting(e -> e.task().name()).containsExactly("one", "two");
    assertThat(runtime.executed().get(0).env()).containsEntry("GANTRY_JOB_ID", job.id()).containsEntry("GANTRY_TASK_POSITION", "1");
    assertThat(runtime.removedWorkspaces()).containsExactly(job.id());
    String log = jobs.logAfter(job.id(), 0, 100).stream().map(p -> p.contents()).reduce("", String::concat);
    assertThat(log).isEqualTo("hello from one\nhello from two\n");
  }

  @Test
  void reportsHowEachTasksContainerEndedToItsMetrics() {
    List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    runtime.when("one", succeeds("r", "out")).when("two", fails(2, "boom"));
    worker = new Worker(store, runtime, progress, signals, clock,
        new WorkerSettings("n1", Set.of(TaskSpec.DEFAULT_QUEUE), 2, Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(1)), new dev.gantry.core.spi.WorkMetrics() {
              @Override
              public void runEnded(String queue, String outcome, Duration ran) {
                reported.add(queue + ":" + outcome + ":" + !ran.isNegative());
              }

              @Override
              public void runClaimed(String queue, Duration waited) {
                reported.add(queue + ":claimed:" + !waited.isNegative());
              }
            });
    worker.start();
    Job job = submit("name: j\ntasks: [{name: one, image: busybox}, {name: two, image: busybox}]");

    awaitState(job.id(), JobState.FAILED);

    assertThat(reported).containsExactly("default:claimed:true", "default:succeeded:true", "default:claimed:true",
        "default:failed:true");
  }

  @Test
  void aFailedTaskIsRetriedThenFailsTheJob() {
    runtime.when("flaky", fails(1, "boom"));
    worker = startWorker("n1", Duration.ofSeconds(30), Duration.ofSeconds(1));
    Job job = submit("name: j\ntasks: [{name: flaky, image: busybox, retry: {limit: 2}}, {name: after, image: busybox}]");
    Job failed = awaitState(job.id(), JobState.FAILED);
    assertThat(failed.error()).isEqualTo("exit code 1: boom");
    assertThat(runStates(job.id())).containsExactly(RunState.FAILED, RunState.FAILED, RunState.FAILED);
    assertThat(jobs.runs(job.id())).extracting(TaskRun::attempt).containsExactly(1, 2, 3);
  }

  @Test
  void aTimeoutStopsTheTask() {
    runtime.when("slow", runsUntilCancelled());
    worker = startWorker("n1", Duration.ofSeconds(30), Duration.ofSeconds(1));
    Job job = submit("name: j\ntasks: [{name: slow, image: busybox, timeout: 200ms}]");
    Job failed = awaitState(job.id(), JobState.FAILED);
    assertThat(failed.error()).isEqualTo("task 'slow' timed out after 200ms");
    assertThat(runStates(job.id())).containsExactly(RunState.TIMED_OUT);
  }

  @Test
  void cancelStopsTheRunningTaskAndQueuesNothingMore() {
    CountDownLatch started = new CountDownLatch(1);
    runtime.when("long", (execution, logs, cancellation) -> {
      started.countDown();
      return runsUntilCancelled().run(execution, logs, cancellation);
    });
    worker = startWorker("n1", Duration.ofSeconds(30), Duration.ofSeconds(1));
    Job job = submit("name: j\ntasks: [{name: long, image: busybox}, {name: next, image: busybox}]");
    await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);
    jobs.cancel(job.id());
    await().atMost(Duration.ofSeconds(30)).until(() -> worker.runningCount() == 0);
    assertThat(jobs.job(job.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(runStates(job.id())).containsExactly(RunState.CANCELLED);
    assertThat(runtime.executed()).extracting(e -> e.task().name()).containsExactly("long");
    await().atMost(Duration.ofSeconds(30)).until(() -> runtime.removedWorkspaces().contains(job.id()));
  }

  @Test
  void aStoppingWorkerHandsBackWhatItCouldNotFinish() {
    runtime.when("long", runsUntilCancelled());
    worker = startWorker("n1", Duration.ofSeconds(30), Duration.ofMillis(100));
    Job job = submit("name: j\ntasks: [{name: long, image: busybox}]");
    await().atMost(Duration.ofSeconds(10)).until(() -> worker.runningCount() == 1);
    worker.close();
    worker = null;
    assertThat(runStates(job.id())).containsExactly(RunState.FAILED, RunState.QUEUED);
    assertThat(jobs.runs(job.id()).get(0).error()).isEqualTo("worker stopped before the task finished");
    assertThat(jobs.runs(job.id()).get(1).retries()).isZero();
  }

  @Test
  void stopNowDuringAStopHandsBackAtOnceInsteadOfWaitingOutTheGrace() throws Exception {
    runtime.when("long", runsUntilCancelled());
    worker = startWorker("n1", Duration.ofSeconds(30), Duration.ofHours(1));
    worker.stopNow(); // before a stop: nothing happens
    Job job = submit("name: j\ntasks: [{name: long, image: busybox}]");
    await().atMost(Duration.ofSeconds(10)).until(() -> worker.runningCount() == 1);
    Worker stopping = worker;
    worker = null;
    Thread close = new Thread(stopping::close);
    close.start();
    close.join(500);
    assertThat(close.isAlive()).as("waiting out its grace period").isTrue();
    // Again until the stop ends: a stopNow() before close() has begun its stop does nothing.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      stopping.stopNow();
      return !close.isAlive();
    });
    assertThat(runStates(job.id())).containsExactly(RunState.FAILED, RunState.QUEUED);
    assertThat(jobs.runs(job.id()).get(0).completedAt()).isNotNull();
  }

  @Test
  void theRunOfALostWorkerIsQueuedAgainAndFinishedByAnother() {
    // A run claimed by a worker that then vanished: its lease is already over.
    Job job = submit("name: j\ntasks: [{name: t, image: busybox, retry: {limit: 0}}]");
    TaskRun claimed = store.claimNext(Set.of("default"), "dead-node", clock.instant(), clock.instant().minusSeconds(1)).orElseThrow();
    new LeaseReaper(store, progress, clock).run();
    assertThat(jobs.run(claimed.id()).error()).isEqualTo("worker lost");
    worker = startWorker("n2", Duration.ofSeconds(30), Duration.ofSeconds(1));
    awaitState(job.id(), JobState.SUCCEEDED);
    assertThat(jobs.runs(job.id())).extracting(TaskRun::lost).containsExactly(0, 1);
  }

  @Test
  void aTaskThatLosesItsWorkerThreeTimesFailsTheJob() {
    Job job = submit("name: j\ntasks: [{name: t, image: busybox}]");
    for (int i = 0; i < 3; i++) {
      store.claimNext(Set.of("default"), "dead-" + i, clock.instant(), clock.instant().minusSeconds(1)).orElseThrow();
      new LeaseReaper(store, progress, clock).run();
    }
    Job failed = jobs.job(job.id());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.error()).isEqualTo("task 't': worker lost (3 times)");
  }

  @Test
  void aLiveLeaseIsNotReaped() {
    Job job = submit("name: j\ntasks: [{name: t, image: busybox}]");
    TaskRun claimed = store.claimNext(Set.of("default"), "alive", clock.instant(), clock.instant().plusSeconds(60)).orElseThrow();
    new LeaseReaper(store, progress, clock).run();
    assertThat(jobs.run(claimed.id()).state()).isEqualTo(RunState.RUNNING);
    assertThat(jobs.runs(job.id())).hasSize(1);
  }

  @Test
  void restartQueuesTheStoppedTaskAgain() {
    runtime.when("bad", fails(2));
    worker = startWorker("n1", Duration.ofSeconds(30), Duration.ofSeconds(1));
    Job job = submit("name: j\ntasks: [{name: good, image: busybox}, {name: bad, image: busybox}]");
    awaitState(job.id(), JobState.FAILED);
    runtime.when("bad", succeeds("fixed"));
    jobs.restart(job.id());
    Job done = awaitState(job.id(), JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo("fixed");
    assertThat(jobs.runs(job.id())).extracting(TaskRun::name).containsExactly("good", "bad", "bad");
  }
}
