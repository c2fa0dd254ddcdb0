package dev.gantry.core.engine;

import static dev.gantry.core.testing.ScriptedRuntime.fails;
import static dev.gantry.core.testing.ScriptedRuntime.runsUntilCancelled;
import static dev.gantry.core.testing.ScriptedRuntime.succeeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.TaskOutcome;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.ScriptedRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How jobs end beyond the native basics: continue-on-error, the job-wide timeout, the end signal, output streams. */
class JobEndTest {

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStore store = new InMemoryStore();
  private final LocalSignals signals = new LocalSignals();
  private final ScriptedRuntime runtime = new ScriptedRuntime();
  private final JobService jobs = new JobService(store, signals, clock);
  private final List<String> ended = new CopyOnWriteArrayList<>();
  private Worker worker;

  @BeforeEach
  void start() {
    signals.onJobEnded(ended::add);
    worker = new Worker(store, runtime, new RunProgress(store, signals, clock, 3), signals, clock,
        new WorkerSettings("n1", Set.of(TaskSpec.DEFAULT_QUEUE), 2, Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(1)));
    worker.start();
  }

  @AfterEach
  void stop() {
    worker.close();
  }

  static TaskSpec task(String name, boolean continueOnError) {
    return new TaskSpec(name, null, "busybox", "true", List.of(), List.of(), Map.of(), Map.of(), null, null, 0, null,
        null, null, continueOnError);
  }

  private Job awaitEnd(String jobId) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> jobs.job(jobId), job -> job.state().isTerminal());
  }

  private List<RunState> runStates(String jobId) {
    return jobs.runs(jobId).stream().map(TaskRun::state).toList();
  }

  @Test
  void aFailingTaskThatMayFailLetsTheJobGoOnAndSucceed() {
    runtime.when("lint", fails(2, "style problems")).when("build", succeeds("built"));
    Job job = jobs.submit(new JobSpec("ci", null, List.of(), Map.of(), List.of(task("lint", true), task("build", false))));

    Job done = awaitEnd(job.id());

    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo("built");
    assertThat(runStates(job.id())).containsExactly(RunState.FAILED, RunState.SUCCEEDED);
    assertThat(ended).containsExactly(job.id());
  }

  @Test
  void withoutContinueOnErrorTheJobFailsAndLaterTasksNeverRun() {
    runtime.when("lint", fails(2, "style problems"));
    Job job = jobs.submit(new JobSpec("ci", null, List.of(), Map.of(), List.of(task("lint", false), task("build", false))));

    assertThat(awaitEnd(job.id()).state()).isEqualTo(JobState.FAILED);
    assertThat(runtime.executed()).extracting(e -> e.task().name()).containsExactly("lint");
    assertThat(ended).containsExactly(job.id());
  }

  @Test
  void theJobTimeoutStopsTheRunningTaskAndEndsTheJobTimedOut() {
    runtime.when("slow", runsUntilCancelled());
    JobSpec spec = new JobSpec("slow job", null, List.of(), Map.of(), List.of(task("slow", true), task("after", false)),
        Duration.ofSeconds(1), 3, null);
    Job job = jobs.submit(spec);

    Job done = awaitEnd(job.id());

    assertThat(done.state()).isEqualTo(JobState.TIMED_OUT);
    assertThat(done.error()).isEqualTo("job timed out after 1 seconds");
    // continue_on_error does not outlive the job's own deadline
    assertThat(runStates(job.id())).containsExactly(RunState.TIMED_OUT);
    assertThat(jobs.runs(job.id()).get(0).error()).isEqualTo("job timed out after 1 seconds");
    assertThat(ended).containsExactly(job.id());
  }

  @Test
  void aTaskWhoseJobDeadlinePassedInTheQueueDoesNotStart() {
    Job started = Job.queued("late", new JobSpec("late", null, List.of(), Map.of(), List.of(task("t", false)),
        Duration.ofSeconds(5), null, null), clock.instant().minusSeconds(60)).running(clock.instant().minusSeconds(60));
    Deadline deadline = Deadline.of(started, started.spec().task(1), clock.instant());
    assertThat(deadline.hasPassed()).isTrue();
    assertThat(deadline.reason()).isEqualTo("job timed out after 5 seconds");

    Deadline taskFirst = Deadline.of(started.atPosition(1), new TaskSpec("t", null, "busybox", "true", List.of(),
        List.of(), Map.of(), Map.of(), null, Duration.ofSeconds(1), 0, null, null, null), started.startedAt());
    assertThat(taskFirst.isJobs()).isFalse();
    assertThat(taskFirst.left()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void cancellingAJobAnnouncesItsEnd() {
    runtime.when("slow", runsUntilCancelled());
    Job job = jobs.submit(new JobSpec("c", null, List.of(), Map.of(), List.of(task("slow", false))));
    await().atMost(Duration.ofSeconds(10)).until(() -> jobs.job(job.id()).state() == JobState.RUNNING);

    jobs.cancel(job.id());

    assertThat(ended).containsExactly(job.id());
    assertThat(awaitEnd(job.id()).state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void outputKeepsItsOrderAndEachPartHoldsOneStream() {
    runtime.when("mixed", (execution, logs, cancellation) -> {
      logs.line(Stream.STDOUT, "out 1");
      logs.line(Stream.STDOUT, "out 2");
      logs.line(Stream.STDERR, "err 1");
      logs.line(Stream.STDOUT, "out 3");
      return TaskOutcome.exited(0, null, "");
    });
    Job job = jobs.submit(new JobSpec("m", null, List.of(), Map.of(), List.of(task("mixed", false))));
    awaitEnd(job.id());

    List<LogPart> parts = jobs.logAfter(job.id(), 0, 100);
    assertThat(parts).extracting(LogPart::stream)
        .containsExactly(LogPart.Stream.STDOUT, LogPart.Stream.STDERR, LogPart.Stream.STDOUT);
    assertThat(parts).extracting(LogPart::contents).containsExactly("out 1\nout 2\n", "err 1\n", "out 3\n");
    assertThat(parts).extracting(LogPart::number).containsExactly(1, 2, 3);
  }

  @Test
  void submittingUnderAGivenIdKeepsIt() {
    Job job = jobs.submit("0b6c9f5e-1d2a-4c3b-8e7f-123456789abc", new JobSpec("x", null, List.of(), Map.of(),
        List.of(task("t", false))));
    assertThat(awaitEnd(job.id()).id()).isEqualTo("0b6c9f5e-1d2a-4c3b-8e7f-123456789abc");
  }
}
