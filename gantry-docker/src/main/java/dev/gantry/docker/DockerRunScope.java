package dev.gantry.docker;

import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.RunScope;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task run on the engine: its {@link RunEnvironment} (network, sidecars, volumes named after
 * the run) opened once, before its first container, and torn down after its last, so that its pre,
 * main and post containers (named apart by their step) share it.
 */
final class DockerRunScope implements RunScope {

  private static final Logger log = LoggerFactory.getLogger(DockerRunScope.class);

  private final DockerRuntime.Parts parts;
  private final TaskExecution main;
  private final LogSink logs;
  private final Cancellation cancellation;
  private final RunEnvironment environment;
  private final TaskOutcome startFailure;
  /** The run's containers that have ended here, removed with the environment once its outcome is stored. */
  private final List<String> ended = new CopyOnWriteArrayList<>();

  DockerRunScope(DockerRuntime.Parts parts, TaskExecution main, LogSink logs, Cancellation cancellation) {
    this(parts, main, logs, cancellation, true);
  }

  private DockerRunScope(DockerRuntime.Parts parts, TaskExecution main, LogSink logs, Cancellation cancellation, boolean start) {
    this.parts = parts;
    this.main = main;
    this.logs = logs;
    this.cancellation = cancellation;
    this.environment = new RunEnvironment(parts, main, logs);
    this.startFailure = start ? guarded(() -> environment.start(cancellation)) : null;
  }

  /** The scope of a run an earlier process started: its environment is there already (see {@link DockerRuntime#reopen}). */
  static DockerRunScope reopened(DockerRuntime.Parts parts, TaskExecution main, LogSink logs, Cancellation cancellation) {
    return new DockerRunScope(parts, main, logs, cancellation, false);
  }

  @Override
  public TaskOutcome startFailure() {
    return startFailure;
  }

  @Override
  public TaskOutcome run(TaskExecution container) {
    return guarded(() -> new ContainerRun(parts, container, environment, logs, cancellation, ended::add).run());
  }

  @Override
  public TaskOutcome resume(TaskExecution container, String containerId) {
    return guarded(() -> new ContainerRun(parts, container, environment, logs, cancellation, ended::add).resume(containerId));
  }

  /** Stops the sidecars' logs now; removes the containers, then the environment, once the run's outcome is stored. */
  @Override
  public void close() {
    environment.stopLogs();
    if (parts.isDetached()) {
      return;
    }
    parts.kept().keep(main.runId(), () -> {
      for (String id : ended) {
        parts.beforeRemoval().accept(id);
        parts.teardown().removeContainer(main.jobId(), main.runId(), id);
      }
      environment.close();
    });
  }

  /** ContainerRun and RunEnvironment catch their own failures; this is the last guard of the "never throw" contract. */
  private TaskOutcome guarded(java.util.function.Supplier<TaskOutcome> step) {
    try {
      return step.get();
    } catch (RuntimeException e) {
      log.warn("run {} failed unexpectedly", main.runId(), e);
      return TaskOutcome.failedToStart("the Docker runtime failed: " + EngineErrors.reason(e));
    }
  }
}
