package dev.gantry.core.testing;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import dev.gantry.core.spi.TaskRuntime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link TaskRuntime} without containers: each task does what the test scripted for its name
 * (by default it succeeds with no output). For engine and API tests that need tasks to run, not
 * Docker.
 */
public final class ScriptedRuntime implements TaskRuntime {

  /** What a scripted task does when it runs; it must return promptly once cancelled. */
  @FunctionalInterface
  public interface Script {
    TaskOutcome run(TaskExecution execution, LogSink logs, Cancellation cancellation) throws InterruptedException;
  }

  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final List<TaskExecution> executed = new CopyOnWriteArrayList<>();
  private final List<String> removedWorkspaces = new CopyOnWriteArrayList<>();

  /** Scripts the task named {@code taskName}; returns this runtime for chaining. */
  public ScriptedRuntime when(String taskName, Script script) {
    scripts.put(taskName, script);
    return this;
  }

  /** Prints {@code lines} to stdout and exits 0 with {@code result} as the task's output. */
  public static Script succeeds(String result, String... lines) {
    return (execution, logs, cancellation) -> {
      for (String line : lines) {
        logs.line(LogPart.Stream.STDOUT, line);
      }
      return TaskOutcome.exited(0, result, "");
    };
  }

  /** Prints {@code lines} to stderr and exits with {@code exitCode}. */
  public static Script fails(int exitCode, String... lines) {
    return (execution, logs, cancellation) -> {
      for (String line : lines) {
        logs.line(LogPart.Stream.STDERR, line);
      }
      return TaskOutcome.exited(exitCode, null, lines.length == 0 ? "" : lines[lines.length - 1]);
    };
  }

  /** Runs until cancelled (or timed out), then exits as a killed container would (137). */
  public static Script runsUntilCancelled() {
    return (execution, logs, cancellation) -> {
      CountDownLatch stopped = new CountDownLatch(1);
      cancellation.onCancel(stopped::countDown);
      stopped.await();
      return TaskOutcome.exited(137, null, "");
    };
  }

  @Override
  public TaskOutcome run(TaskExecution execution, LogSink logs, Cancellation cancellation) {
    executed.add(execution);
    Script script = scripts.getOrDefault(execution.task().name(), succeeds(null));
    try {
      return script.run(execution, logs, cancellation);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TaskOutcome.failedToStart("interrupted");
    }
  }

  /** Every execution this runtime was given, in order. */
  public List<TaskExecution> executed() {
    return List.copyOf(executed);
  }

  /** The jobs whose workspace was removed, in order. */
  public List<String> removedWorkspaces() {
    return List.copyOf(removedWorkspaces);
  }

  @Override
  public void removeWorkspace(String jobId) {
    removedWorkspaces.add(jobId);
  }

  @Override
  public List<RuntimeResource> resources() {
    return List.of();
  }

  @Override
  public void remove(RuntimeResource resource) {}

  @Override
  public String describe() {
    return "scripted";
  }

  @Override
  public void close() {}
}
