package dev.gantry.core.spi;

/**
 * What the containers of one task run share, open from {@link TaskRuntime#open} until closed: a
 * leaf's pre, main and post containers run in it one after the other, so that they see the same
 * temporary volumes, networks and sidecars. Like the runtime, it never throws.
 */
public interface RunScope extends AutoCloseable {

  /** Why no container of the run can start (a sidecar did not come up, say); null when they can. */
  TaskOutcome startFailure();

  /** Runs one container of the run to its end, in what the scope holds. */
  TaskOutcome run(TaskExecution container);

  /**
   * Follows the container {@code containerId}, made for {@code container} by an earlier process and
   * still on the runtime, to its end, as {@link #run} would have: its output from where its log
   * starts, then its outcome. A scope that cannot does not run anything and says so.
   */
  default TaskOutcome resume(TaskExecution container, String containerId) {
    return TaskOutcome.failedToStart("this runtime cannot take over a container of an earlier worker");
  }

  /**
   * The run is done with the scope: what it holds (its ended containers included) is removed once
   * the run's outcome is stored ({@link TaskRuntime#endRun}); may return before it is removed.
   */
  @Override
  void close();
}
