package dev.gantry.core.engine;

import dev.gantry.core.spec.TaskAttachments;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.RunScope;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import dev.gantry.core.spi.TaskRuntime;
import java.util.HashMap;
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
 * Tork's pre and post tasks do, the task's mounts and networks. A run taken over after a restart
 * follows the containers its earlier process left instead of running them again ({@link #resume}).
 */
final class LeafSteps {

  private LeafSteps() {}

  /** {@code envOf}: the environment of each step's task (the job's and the run's variables with the step's own env). */
  static TaskOutcome run(TaskRuntime runtime, TaskExecution main, Function<TaskSpec, Map<String, String>> envOf,
      LogSink logs, Cancellation cancellation) {
    try (RunScope scope = runtime.open(main, logs, cancellation)) {
      TaskOutcome failed = scope.startFailure();
      if (failed != null) {
        return failed;
      }
      return from(scope, main, envOf, logs, cancellation, 0, new HashMap<>(), 0);
    }
  }

  /**
   * Goes on with a run an earlier worker process started: follows the containers it left (see
   * {@link LeftContainers}) to their end, then runs the containers after them as {@link #run} would
   * have.
   */
  static TaskOutcome resume(TaskRuntime runtime, TaskExecution main, Function<TaskSpec, Map<String, String>> envOf,
      LogSink logs, Cancellation cancellation, LeftContainers left) {
    try (RunScope scope = runtime.reopen(main, logs, cancellation)) {
      return from(scope, main, envOf, logs, cancellation, left.firstPre(main.task()), new HashMap<>(left.toFollow()),
          left.postReached());
    }
  }

  /**
   * The run's containers from its {@code firstPre}-th pre task on (its main one when there are no
   * more), then its post tasks; a step in {@code follow} (by its key) is taken over from that
   * container instead of run, and a post task before the {@code postReached}-th that has no container
   * there ran already and is not run again.
   */
  private static TaskOutcome from(RunScope scope, TaskExecution main, Function<TaskSpec, Map<String, String>> envOf,
      LogSink logs, Cancellation cancellation, int firstPre, Map<String, String> follow, int postReached) {
    TaskSpec task = main.task();
    TaskOutcome before = steps(scope, main, "pre", task.pre(), firstPre, 0, envOf, logs, cancellation, follow);
    if (before != null) {
      return before;
    }
    TaskOutcome outcome = runOrResume(scope, main.withLogStart(logs.mark()), LeftContainers.MAIN, follow);
    if (!outcome.succeeded() || cancellation.reason().isPresent()) {
      return outcome;
    }
    TaskOutcome after = steps(scope, main, "post", task.post(), 0, postReached, envOf, logs, cancellation, follow);
    return after != null ? new TaskOutcome(after.exitCode(), outcome.result(), after.error(), after.runtimeLost()) : outcome;
  }

  /** Takes over the container {@code follow} has for {@code step} (once), else runs a new one. */
  private static TaskOutcome runOrResume(RunScope scope, TaskExecution container, String step, Map<String, String> follow) {
    String id = follow.remove(step);
    return id == null ? scope.run(container) : scope.resume(container, id);
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

  /** Runs the steps in order from {@code first}; the outcome of the first that fails (or is cancelled), null when all succeed. */
  private static TaskOutcome steps(RunScope scope, TaskExecution main, String kind, List<TaskSpec> steps, int first,
      int reached, Function<TaskSpec, Map<String, String>> envOf, LogSink logs, Cancellation cancellation,
      Map<String, String> follow) {
    for (int i = first; i < steps.size(); i++) {
      TaskSpec step = steps.get(i);
      if (i < reached && !follow.containsKey(kind + "-" + i)) {
        continue; // ran before the restart (a later one had started) and its container is gone
      }
      TaskOutcome outcome = runOrResume(scope, new TaskExecution(main.jobId(), main.runId(), main.nodeId(),
          sharing(step, main.task()), envOf.apply(step), kind + "-" + i, logs.mark()), kind + "-" + i, follow);
      if (!outcome.succeeded() || cancellation.reason().isPresent()) {
        return new TaskOutcome(outcome.exitCode(), null, kind + " task '" + step.name() + "': "
            + (outcome.error() == null ? "cancelled" : outcome.error()), outcome.runtimeLost());
      }
    }
    return null;
  }
}
