package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.Durations;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.spec.JobTree;
import dev.gantry.core.spec.RunVariables;
import dev.gantry.core.spec.Secrets;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.Cancellation.Reason;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import dev.gantry.core.spi.TaskRuntime;
import dev.gantry.core.spi.WorkMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one claimed task run on the runtime and records how it ended. */
final class TaskExecutor {

  private static final Logger log = LoggerFactory.getLogger(TaskExecutor.class);

  private final Store store;
  private final Signals signals;
  private final TaskRuntime runtime;
  private final RunProgress progress;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final String nodeId;
  private final Duration storeRetry;
  private final HostAccessPolicy hostAccess;
  private final WorkMetrics metrics;

  TaskExecutor(Store store, Signals signals, TaskRuntime runtime, RunProgress progress, Clock clock,
      ScheduledExecutorService timers, String nodeId, Duration storeRetry, HostAccessPolicy hostAccess, WorkMetrics metrics) {
    this.store = store;
    this.signals = signals;
    this.runtime = runtime;
    this.progress = progress;
    this.clock = clock;
    this.timers = timers;
    this.nodeId = nodeId;
    this.storeRetry = storeRetry;
    this.hostAccess = hostAccess;
    this.metrics = metrics;
  }

  void execute(Execution execution) {
    TaskRun run = execution.run();
    Job job = StoreRetry.within(storeRetry, "the start of task run " + run.id(), () -> progress.started(run));
    if (job.state().isTerminal()) {
      // Cancelled between the claim and now: the run was ended with the job.
      return;
    }
    executeStarted(execution, job, null);
  }

  /**
   * Goes on with a run an earlier process of this node started and left in {@code found}: its
   * output from where the stored log ends, its outcome, its later steps, and its end as usual.
   */
  void resume(Execution execution, LeftContainers found) {
    TaskRun run = execution.run();
    Job job = StoreRetry.within(storeRetry, "the job of task run " + run.id(), () -> store.findJob(run.jobId())).orElse(null);
    if (job == null || job.state().isTerminal()) {
      return; // ended meanwhile: the leftover sweeper removes the container
    }
    TaskSpec task = run.taskIn(job.spec());
    if (task.session() != null || !found.resumable(task)) {
      // A session, or what no container of this task is (a spec changed under it), or a post task without its main container.
      StoreRetry.within(storeRetry, "the hand-back of task run " + run.id(),
          () -> progress.handBack(run, "the worker restarted while its " + found.latest().step() + " task ran"));
      return;
    }
    executeStarted(execution, job, found);
  }

  private void executeStarted(Execution execution, Job job, LeftContainers found) {
    TaskRun run = execution.run();
    Cancellation cancellation = execution.cancellation();
    // The task as evaluated when it became runnable: the executor never evaluates templates.
    TaskSpec task = run.taskIn(job.spec());
    // A run taken over keeps the deadline it started with.
    Instant started = found != null && run.startedAt() != null ? run.startedAt() : clock.instant();
    Deadline deadline = Deadline.of(job, task, started).after(Duration.between(started, clock.instant()));
    String end = "the end of task run " + run.id();
    HostAccessPolicy.Refusal refusal = hostAccess.refusalInTree(JobTree.field(job.spec(), run.path()), task);
    Optional<Job> after;
    if (refusal != null) {
      // Accepted elsewhere (a server that allows more, or before this rule): this machine does not run it.
      String error = refusal.toString();
      after = StoreRetry.within(storeRetry, end, () -> progress.finished(run, RunState.FAILED, null, null, error));
    } else if (deadline.hasPassed()) {
      // The job's time ran out while this task waited in the queue: it does not start.
      after = StoreRetry.within(storeRetry, end, () -> progress.jobTimedOut(run, null, deadline.reason()));
    } else {
      boolean stored = false;
      try {
        TaskOutcome outcome = masked(run(execution, job, task, deadline, found), job.spec().secrets());
        if (execution.detached()) {
          // This process is exiting and leaves the run, still RUNNING, to the next worker of its node.
          return;
        }
        Reason reason = cancellation.reason().orElse(null);
        if (reason == Reason.CANCELLED || reason == Reason.LEASE_LOST) {
          // Stopped from outside: its run ended before its container did; that has now exited (Daestro's cancelling ends).
          containerStopped(run);
        }
        if (outcome.runtimeLost()) {
          execution.markRuntimeLost();
        }
        // The container has ended: its outcome must not be lost to a database restart meanwhile.
        after = StoreRetry.within(storeRetry, end, () -> reason == Reason.TIMED_OUT && deadline.isJobs()
            ? progress.jobTimedOut(run, outcome.exitCode(), deadline.reason())
            : record(run, task, outcome, reason));
        stored = true;
      } finally {
        if (!stored) {
          // No outcome stored (detached, or the run or its storing failed): the run's containers stay for the next
          // worker of its node to take over, or for the leftover sweeper once the run is handed back.
          runtime.endRun(run.id(), false);
        }
      }
      // Only now: a process killed before this point leaves the ended containers for its next start to collect.
      CrashPoint.reached(CrashPoint.AFTER_OUTCOME_STORED, run.id());
      runtime.endRun(run.id(), true);
    }
    boolean jobEnded = after.map(j -> j.state().isTerminal())
        .orElseGet(() -> store.findJob(run.jobId()).map(j -> j.state().isTerminal()).orElse(true));
    if (jobEnded) {
      runtime.removeWorkspace(run.jobId());
    }
  }

  private TaskOutcome run(Execution execution, Job job, TaskSpec task, Deadline deadline, LeftContainers found) {
    TaskRun run = execution.run();
    Cancellation cancellation = execution.cancellation();
    StoredRunLog stored = found == null ? StoredRunLog.EMPTY : StoredRunLog.of(store, run.id());
    RunLogWriter logWriter = new RunLogWriter(store, signals, clock, run.jobId(), run.id(), job.spec().secrets(), stored);
    execution.attachLog(logWriter);
    ScheduledFuture<?> timeout = deadline.left() == null ? null
        : timers.schedule(() -> cancellation.cancel(Reason.TIMED_OUT), deadline.left().toMillis(), TimeUnit.MILLISECONDS);
    Instant start = clock.instant();
    try {
      // Secrets' values go in only now, for the runtime: no run, log or view holds them.
      TaskSpec revealed = Secrets.reveal(task, job.spec().secrets());
      TaskExecution taskExecution =
          new TaskExecution(job.id(), run.id(), nodeId, revealed, environment(job, run, revealed, nodeId));
      TaskOutcome outcome;
      if (found != null) {
        LogSink replay = new ResumedOutput(logWriter, stored, found.logStart(), job.spec().secrets(), run.id());
        outcome = LeafSteps.resume(runtime, taskExecution, step -> environment(job, run, step, nodeId), replay, cancellation,
            found);
      } else if (revealed.session() != null) {
        outcome = new SessionRun(store, signals, clock, runtime).run(taskExecution, execution, job.spec().secrets());
      } else {
        outcome = LeafSteps.run(runtime, taskExecution, step -> environment(job, run, step, nodeId), logWriter, cancellation);
      }
      String ended = cancellation.reason().map(r -> r.name().toLowerCase(Locale.ROOT))
          .orElse(outcome.succeeded() ? "succeeded" : "failed");
      metrics.runEnded(run.queue(), ended, Duration.between(start, clock.instant()));
      CrashPoint.reached(CrashPoint.BEFORE_OUTCOME_STORED, run.id());
      return outcome;
    } finally {
      if (timeout != null) {
        timeout.cancel(false);
      }
      logWriter.flushAll();
    }
  }

  private void containerStopped(TaskRun run) {
    try {
      StoreRetry.within(storeRetry, "the stop of task run " + run.id(), () -> {
        store.containerStopped(run.id(), clock.instant());
        return null;
      });
    } catch (RuntimeException e) {
      log.warn("could not record that the container of run {} stopped: {}", run.id(), e.toString());
    }
  }

  /** What the task wrote to its result file and the last lines in its error, with the job's secrets masked. */
  private static TaskOutcome masked(TaskOutcome outcome, Map<String, String> secrets) {
    if (secrets.isEmpty()) {
      return outcome;
    }
    return new TaskOutcome(outcome.exitCode(), Secrets.mask(outcome.result(), secrets), Secrets.mask(outcome.error(), secrets),
        outcome.runtimeLost());
  }

  private Optional<Job> record(TaskRun run, TaskSpec task, TaskOutcome outcome, Reason reason) {
    if (outcome.runtimeLost() && (reason == null || reason == Reason.SHUTDOWN)) {
      // Not the task's doing: a new attempt, from the lost-worker budget, not the task's retries.
      return progress.handBack(run, outcome.error());
    }
    if (reason == null) {
      RunState end = outcome.succeeded() ? RunState.SUCCEEDED : RunState.FAILED;
      return progress.finished(run, end, outcome.exitCode(), outcome.result(), outcome.error());
    }
    return switch (reason) {
      case TIMED_OUT -> progress.finished(run, RunState.TIMED_OUT, outcome.exitCode(), outcome.result(),
          "task '" + task.name() + "' timed out after " + Durations.format(task.timeout()));
      case SHUTDOWN -> progress.handBack(run, "worker stopped before the task finished");
      // Whoever cancelled the job or took the lease has already ended this run.
      case CANCELLED, LEASE_LOST -> Optional.empty();
    };
  }

  /** Job env, then task env (with the {@link RunVariables} in it resolved), then Gantry's own variables, which a job cannot override. */
  static Map<String, String> environment(Job job, TaskRun run, TaskSpec task, String nodeId) {
    Map<String, String> env = new LinkedHashMap<>(job.spec().env());
    env.putAll(task.env());
    RunVariables.resolve(env, run.id(), nodeId, run.queue());
    env.put("GANTRY_JOB_ID", job.id());
    env.put("GANTRY_JOB_NAME", job.name());
    env.put("GANTRY_TASK_ID", run.id());
    env.put("GANTRY_TASK_NAME", task.name());
    env.put("GANTRY_TASK_POSITION", Integer.toString(run.position()));
    return env;
  }
}
