package dev.gantry.core.testing;

import dev.gantry.core.engine.RunProgress;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * A worker the test drives one step at a time: claim a run, then end it as the test says. Moves
 * jobs through their states exactly as the real worker does (through {@link RunProgress}), with
 * no threads and no runtime.
 */
public final class ManualWorker {

  public static final String NODE_ID = "manual-node";

  private final Store store;
  private final Signals signals;
  private final RunProgress progress;
  private final Clock clock;

  public ManualWorker(Store store, Signals signals, Clock clock) {
    this.store = store;
    this.signals = signals;
    this.clock = clock;
    this.progress = new RunProgress(store, signals, clock, 3);
  }

  /** Claims the oldest queued run of the default queue and marks its job RUNNING. */
  public TaskRun claim() {
    return claim(TaskSpec.DEFAULT_QUEUE);
  }

  /** Claims the next queued run of {@code queue} and marks its job RUNNING. */
  public TaskRun claim(String queue) {
    TaskRun run = store.claimNext(Set.of(queue), NODE_ID, clock.instant(),
            clock.instant().plus(Duration.ofMinutes(5)))
        .orElseThrow(() -> new IllegalStateException("no queued task run to claim"));
    progress.started(run);
    return store.findRun(run.id()).orElseThrow();
  }

  /** Gives the run back as its worker does when lost: FAILED with {@code reason}, the task queued again. */
  public Job lose(TaskRun run, String reason) {
    return progress.handBack(run, reason).orElseThrow();
  }

  /** Appends a part of standard output to the run's log and announces it, as the real worker does. */
  public LogPart log(TaskRun run, int number, String contents) {
    return log(run, number, LogPart.Stream.STDOUT, contents);
  }

  public LogPart log(TaskRun run, int number, LogPart.Stream stream, String contents) {
    LogPart part = store.appendLog(run.jobId(), run.id(), number, stream, contents, clock.instant());
    signals.logAppended(part);
    return part;
  }

  public Job succeed(TaskRun run, String result) {
    return end(run, RunState.SUCCEEDED, 0, result, null);
  }

  public Job fail(TaskRun run, int exitCode, String error) {
    return end(run, RunState.FAILED, exitCode, null, error);
  }

  public Job end(TaskRun run, RunState state, Integer exitCode, String result, String error) {
    return progress.finished(run, state, exitCode, result, error)
        .orElseThrow(() -> new IllegalStateException("task run " + run.id() + " was no longer running"));
  }

  /** Succeeds task after task until the job ends; for a test whose job is the only one with queued work. */
  public Job runToSuccess(String result) {
    Job job = succeed(claim(), result);
    while (!job.state().isTerminal()) {
      job = succeed(claim(), result);
    }
    return job;
  }
}
