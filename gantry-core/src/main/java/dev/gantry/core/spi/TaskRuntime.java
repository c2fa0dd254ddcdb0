package dev.gantry.core.spi;

import java.util.List;
import java.util.Map;

/** Runs one task to its end in an isolated environment (a container). */
public interface TaskRuntime extends AutoCloseable {

  /**
   * Runs the task and blocks until its outcome is known; the runtime may tear the task's
   * environment down after returning (unlike a {@link #open scope}'s, which waits for {@link #endRun}). Output goes to {@code logs} as it comes, as printed. When
   * {@code cancellation} fires, the runtime stops the task promptly and returns. Failures of the
   * runtime itself (missing image, engine unreachable) are returned as an outcome with an error,
   * not thrown.
   */
  TaskOutcome run(TaskExecution execution, LogSink logs, Cancellation cancellation);

  /**
   * Opens what the containers of {@code main}'s run share (its pre and post containers included),
   * for {@link RunScope#run} to run them in. A runtime that shares nothing between containers runs
   * each with {@link #run}, as this default does.
   */
  default RunScope open(TaskExecution main, LogSink logs, Cancellation cancellation) {
    return new RunScope() {
      @Override
      public TaskOutcome startFailure() {
        return null;
      }

      @Override
      public TaskOutcome run(TaskExecution container) {
        return TaskRuntime.this.run(container, logs, cancellation);
      }

      @Override
      public void close() {}
    };
  }

  /**
   * Opens a long-lived environment for the task's image, env, network and limits, with the job's
   * workspace, labelled with the run like a task's container (so the leftover sweeper removes one a
   * crashed worker left). {@code cancellation} kills it.
   *
   * @throws SessionFailure when it cannot be opened (missing image, engine unreachable), or this runtime has no sessions
   */
  default RuntimeSession openSession(TaskExecution execution, Cancellation cancellation) {
    throw new SessionFailure(describe() + " cannot run a job in one environment (a session)");
  }

  /**
   * Starts an interactive shell, with a terminal, in the environment that session run {@code runId}
   * kept ({@link RuntimeSession#keep}); what it prints goes to {@code output}, as it comes.
   *
   * @throws SessionFailure when there is no such environment here, or this runtime has no shells
   */
  default RuntimeShell openShell(String runId, Map<String, String> env, RuntimeShell.Output output) {
    throw new SessionFailure(describe() + " cannot open a shell in a kept environment");
  }

  /**
   * The containers of runs that a worker with node id {@code nodeId} started here and that are still
   * here (running or ended, not removed): what a worker restarted under the same node id takes over.
   * A runtime that cannot find them again has none.
   *
   * @throws IllegalStateException when the runtime cannot be asked
   */
  default List<ReattachableContainer> reattachable(String nodeId) {
    return List.of();
  }

  /** Whether {@link #reattachable} finds the containers of an earlier process (a runtime that keeps them by labels). */
  default boolean canReattach() {
    return false;
  }

  /**
   * Opens again the environment of a run whose containers a previous worker process started (see
   * {@link #reattachable}): nothing is created, {@link RunScope#resume} follows the container found,
   * and closing the scope removes what the run holds, as {@link #open}'s does.
   */
  default RunScope reopen(TaskExecution main, LogSink logs, Cancellation cancellation) {
    return open(main, logs, cancellation);
  }

  /**
   * Called once a run's outcome is stored ({@code outcomeStored}), or could not be: what the run's
   * closed scopes kept (its ended containers, its environment) is removed now, not before, so that a
   * process killed between a container's end and the storing of its outcome leaves that container
   * for its next start to collect the outcome from. When not stored, it is left to the leftover
   * sweeper. Must not hold the caller up.
   */
  default void endRun(String runId, boolean outcomeStored) {}

  /**
   * From now on, leaves every running task's container running: runs that end now (because this
   * process exits) neither kill nor remove anything, so that the next worker of this node takes
   * them over. For a process about to exit.
   */
  default void detach() {}

  /** Whether the runtime answers now (the Docker engine is up); a worker takes no task while it does not. */
  default boolean answers() {
    return true;
  }

  /**
   * Removes the job's shared workspace, if this runtime holds one, once the job's task environments
   * are gone. May return before it is removed: it must not hold the caller up.
   */
  void removeWorkspace(String jobId);

  /** Containers and volumes this runtime's tasks left (found by their labels). */
  List<RuntimeResource> resources();

  void remove(RuntimeResource resource);

  /**
   * The id of the engine this runtime runs tasks on, which a job's workspace lives on (see
   * {@link dev.gantry.core.cluster.WorkspacePinning}); null when it keeps no workspace between tasks.
   */
  default String engineId() {
    return null;
  }

  /** A short description for the start-up line, e.g. {@code docker 20.10.24}. */
  String describe();

  @Override
  void close();
}
