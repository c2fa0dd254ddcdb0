package dev.gantry.core.engine;

import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.job.StepRun;
import dev.gantry.core.job.StepState;
import dev.gantry.core.spec.SessionPlan;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.RuntimeSession;
import dev.gantry.core.spi.SessionFailure;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import dev.gantry.core.spi.TaskRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a session task ({@link SessionPlan}) in one runtime session: writes its files, runs its steps
 * one after another (each with its own log and state), then keeps its artifacts. The outcome is the
 * run's, recorded by the caller as any task's; the steps' states are stored as they change.
 */
final class SessionRun {

  private final Store store;
  private final Signals signals;
  private final Clock clock;
  private final TaskRuntime runtime;

  SessionRun(Store store, Signals signals, Clock clock, TaskRuntime runtime) {
    this.store = store;
    this.signals = signals;
    this.clock = clock;
    this.runtime = runtime;
  }

  /** {@code secrets}: the job's, for files that hold one and to mask every step's log. */
  TaskOutcome run(TaskExecution task, Execution execution, Map<String, String> secrets) {
    SessionPlan plan = task.task().session();
    Cancellation cancellation = execution.cancellation();
    List<StepRun> steps = new ArrayList<>();
    for (int i = 0; i < plan.steps().size(); i++) {
      steps.add(StepRun.pending(task.runId(), i, plan.steps().get(i).name()));
    }
    store.insertSteps(steps);
    RunLogWriter first = log(task, 0, secrets, execution);
    RuntimeSession session;
    try {
      session = runtime.openSession(task, cancellation);
    } catch (SessionFailure e) {
      first.line(Stream.STDERR, e.getMessage());
      first.flushAll();
      store.updateStep(steps.get(0).running(clock.instant()).ended(StepState.FAILED, null, clock.instant()));
      return TaskOutcome.failedToStart(e.getMessage());
    }
    // The job's number (dialects with integer ids show it, e.g. sourcehut's JOB_ID).
    Map<String, String> env = store.jobNumber(task.jobId()).map(n -> Map.of("GANTRY_JOB_NUMBER", Long.toString(n)))
        .orElse(Map.of());
    // The log of the step that ran last: where the line about a kept environment goes.
    RunLogWriter last = first;
    TaskOutcome outcome = null;
    try {
      writeFiles(session, plan, secrets);
      for (int i = 0; i < steps.size(); i++) {
        if (cancellation.isCancelled()) {
          return stopped(cancellation);
        }
        StepRun running = steps.get(i).running(clock.instant());
        store.updateStep(running);
        RunLogWriter writer = i == 0 ? first : log(task, i, secrets, execution);
        last = writer;
        int code;
        try {
          code = session.exec(plan.steps().get(i).command(), env, writer);
        } catch (SessionFailure e) {
          writer.line(Stream.STDERR, e.getMessage());
          store.updateStep(running.ended(StepState.FAILED, null, clock.instant()));
          outcome = cancellation.isCancelled() ? stopped(cancellation) : TaskOutcome.failedToStart(e.getMessage());
          return outcome;
        } finally {
          writer.flushAll();
        }
        boolean ok = code == 0 && !cancellation.isCancelled();
        store.updateStep(running.ended(ok ? StepState.SUCCEEDED : StepState.FAILED, code, clock.instant()));
        if (!ok) {
          outcome = cancellation.isCancelled() ? stopped(cancellation)
              : new TaskOutcome(code, null, "step '" + running.name() + "' failed: exit code " + code);
          return outcome;
        }
        if (completed(session, plan)) {
          for (int j = i + 1; j < steps.size(); j++) {
            store.updateStep(steps.get(j).ended(StepState.SKIPPED, null, clock.instant()));
          }
          break;
        }
      }
      String kept = new ArtifactCollector(store, clock).collect(session, task, plan);
      outcome = kept == null ? new TaskOutcome(0, null, null) : new TaskOutcome(1, null, kept);
      return outcome;
    } catch (SessionFailure e) {
      outcome = cancellation.isCancelled() ? stopped(cancellation) : TaskOutcome.failedToStart(e.getMessage());
      return outcome;
    } finally {
      end(session, plan.keep(), outcome, cancellation, task.jobId(), last);
    }
  }

  /**
   * Keeps the environment for a shell when the plan says so for how the session ended (never after a
   * cancel or a timeout, which killed it), saying so in the last step's log; removes it otherwise.
   */
  private void end(RuntimeSession session, SessionPlan.Keep keep, TaskOutcome outcome, Cancellation cancellation,
      String jobId, RunLogWriter last) {
    if (keep == null || outcome == null || cancellation.isCancelled() || !keep.keeps(outcome.succeeded())) {
      session.close();
      return;
    }
    session.keep();
    last.line(Stream.STDOUT, "The build environment is kept until about " + clock.instant().plus(keep.time()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + ": `gantry shell " + jobId + "` opens a shell in it (type exit to leave).");
    last.flushAll();
  }

  private static void writeFiles(RuntimeSession session, SessionPlan plan, Map<String, String> secrets) {
    for (SessionPlan.File file : plan.files()) {
      String text = file.secret() == null ? file.text() : secrets.get(file.secret());
      if (text == null) {
        throw new SessionFailure("the job has no secret '" + file.secret() + "' for " + file.path());
      }
      session.writeFile(file.path(), text.getBytes(StandardCharsets.UTF_8), file.mode());
    }
  }

  /** Whether a step created the plan's completion marker. */
  private static boolean completed(RuntimeSession session, SessionPlan plan) {
    if (plan.completionMarker() == null) {
      return false;
    }
    try {
      session.readFile(plan.completionMarker(), 64);
      return true;
    } catch (SessionFailure absent) {
      return false;
    }
  }

  private RunLogWriter log(TaskExecution task, int index, Map<String, String> secrets, Execution execution) {
    RunLogWriter writer = new RunLogWriter(store, signals, clock, task.jobId(), StepRun.logId(task.runId(), index), secrets);
    execution.attachLog(writer);
    return writer;
  }

  private static TaskOutcome stopped(Cancellation cancellation) {
    String why = cancellation.reason().map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', ' ')).orElse("cancelled");
    return new TaskOutcome(137, null, "session stopped (" + why + ")");
  }
}
