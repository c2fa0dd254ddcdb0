package dev.gantry.core.engine;

import dev.gantry.core.job.RunState;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.core.spi.RuntimeResource.Kind;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.TaskRuntime;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes containers, volumes and networks that no running task needs: what a crash, a kill or a
 * cancel left behind. A run's container, volume or network goes once its run has ended (or was
 * handed back), a workspace once its job has ended. What this store does not know is left alone: it may belong to another Gantry
 * installation sharing the Docker engine.
 */
public final class LeftoverSweeper implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(LeftoverSweeper.class);

  private final Store store;
  private final TaskRuntime runtime;
  private final Clock clock;

  public LeftoverSweeper(Store store, TaskRuntime runtime) {
    this(store, runtime, Clock.systemUTC());
  }

  public LeftoverSweeper(Store store, TaskRuntime runtime, Clock clock) {
    this.store = store;
    this.runtime = runtime;
    this.clock = clock;
  }

  @Override
  public void run() {
    List<RuntimeResource> resources = runtime.resources();
    for (RuntimeResource resource : resources) {
      boolean ended = resource.kind() != Kind.WORKSPACE
          ? store.findRun(resource.runId()).map(run -> run.state() != RunState.RUNNING).orElse(false)
          : store.findJob(resource.jobId()).map(job -> job.state().isTerminal()).orElse(false);
      if (ended) {
        remove(resource);
      }
    }
  }

  private void remove(RuntimeResource resource) {
    log.info("removing leftover {} {} of job {}", resource.kind().name().toLowerCase(), resource.id(), resource.jobId());
    runtime.remove(resource);
    if (resource.kind() == Kind.CONTAINER) {
      // A cancelled run whose worker was gone before its container stopped: it has now (Daestro's cancelling ends).
      store.containerStopped(resource.runId(), clock.instant());
    }
  }
}
