package dev.gantry.core.engine;

import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import dev.gantry.core.spi.TaskRuntime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The containers of one leaf's run, in order: its {@code pre} tasks, its main task, then its
 * {@code post} tasks, each in a container of its own, on the same worker and in the same
 * workspace, under the run's deadline and cancellation. As in Tork, a failing pre task fails the
 * run before the main one starts, and post tasks run only after the main task succeeded (a failing
 * one fails the run). The run's result is the main task's. What they share (the workspace today,
 * the task's mounts next) is decided here, in one place.
 */
final class LeafSteps {

  private LeafSteps() {}

  /** {@code envOf}: the environment of each step's task (the job's and the run's variables with the step's own env). */
  static TaskOutcome run(TaskRuntime runtime, TaskExecution main, Function<TaskSpec, Map<String, String>> envOf,
      LogSink logs, Cancellation cancellation) {
    TaskSpec task = main.task();
    TaskOutcome before = steps(runtime, main, "pre", task.pre(), envOf, logs, cancellation);
    if (before != null) {
      return before;
    }
    TaskOutcome outcome = runtime.run(main, logs, cancellation);
    if (!outcome.succeeded() || cancellation.reason().isPresent()) {
      return outcome;
    }
    TaskOutcome after = steps(runtime, main, "post", task.post(), envOf, logs, cancellation);
    return after != null ? new TaskOutcome(after.exitCode(), outcome.result(), after.error()) : outcome;
  }

  /** Runs the steps in order; the outcome of the first that fails (or is cancelled), null when all succeed. */
  private static TaskOutcome steps(TaskRuntime runtime, TaskExecution main, String kind, List<TaskSpec> steps,
      Function<TaskSpec, Map<String, String>> envOf, LogSink logs, Cancellation cancellation) {
    for (int i = 0; i < steps.size(); i++) {
      TaskSpec step = steps.get(i);
      TaskOutcome outcome = runtime.run(
          new TaskExecution(main.jobId(), main.runId(), main.nodeId(), step, envOf.apply(step), kind + "-" + i), logs,
          cancellation);
      if (!outcome.succeeded() || cancellation.reason().isPresent()) {
        return new TaskOutcome(outcome.exitCode(), null, kind + " task '" + step.name() + "': "
            + (outcome.error() == null ? "cancelled" : outcome.error()));
      }
    }
    return null;
  }
}
