package dev.gantry.core.engine;

import dev.gantry.core.spec.TaskAttachments;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.RunScope;
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
 * one fails the run). The run's result is the main task's. What they share is decided here, in one
 * place: the runtime's {@link RunScope} of the run (its volumes, networks and sidecars), and, as
 * Tork's pre and post tasks do, the task's mounts and networks.
 */
final class LeafSteps {

  private LeafSteps() {}

  /** {@code envOf}: the environment of each step's task (the job's and the run's variables with the step's own env). */
  static TaskOutcome run(TaskRuntime runtime, TaskExecution main, Function<TaskSpec, Map<String, String>> envOf,
      LogSink logs, Cancellation cancellation) {
    TaskSpec task = main.task();
    try (RunScope scope = runtime.open(main, logs, cancellation)) {
      TaskOutcome failed = scope.startFailure();
      if (failed != null) {
        return failed;
      }
      TaskOutcome before = steps(scope, main, "pre", task.pre(), envOf, cancellation);
      if (before != null) {
        return before;
      }
      TaskOutcome outcome = scope.run(main);
      if (!outcome.succeeded() || cancellation.reason().isPresent()) {
        return outcome;
      }
      TaskOutcome after = steps(scope, main, "post", task.post(), envOf, cancellation);
      return after != null ? new TaskOutcome(after.exitCode(), outcome.result(), after.error()) : outcome;
    }
  }

  /**
   * The step as it runs: with its task's mounts and networks (a step has none of its own), and its
   * own registry credentials and GPUs (the task's are the task's image's and the task's devices).
   */
  static TaskSpec sharing(TaskSpec step, TaskSpec task) {
    TaskAttachments shared = task.attachments();
    TaskAttachments own = step.attachments();
    return step.withAttachments(new TaskAttachments(shared.mounts(), shared.networks(), own.registry(), own.gpus(),
        List.of()));
  }

  /** Runs the steps in order; the outcome of the first that fails (or is cancelled), null when all succeed. */
  private static TaskOutcome steps(RunScope scope, TaskExecution main, String kind, List<TaskSpec> steps,
      Function<TaskSpec, Map<String, String>> envOf, Cancellation cancellation) {
    for (int i = 0; i < steps.size(); i++) {
      TaskSpec step = steps.get(i);
      TaskOutcome outcome = scope.run(new TaskExecution(main.jobId(), main.runId(), main.nodeId(),
          sharing(step, main.task()), envOf.apply(step), kind + "-" + i));
      if (!outcome.succeeded() || cancellation.reason().isPresent()) {
        return new TaskOutcome(outcome.exitCode(), null, kind + " task '" + step.name() + "': "
            + (outcome.error() == null ? "cancelled" : outcome.error()));
      }
    }
    return null;
  }
}
