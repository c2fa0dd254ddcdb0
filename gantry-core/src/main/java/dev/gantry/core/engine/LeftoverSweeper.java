package dev.gantry.core.engine;

import dev.gantry.core.job.RunState;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.core.spi.RuntimeResource.Kind;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.TaskRuntime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes containers and workspaces that no running task needs: what a crash, a kill or a cancel
 * left behind. A container is kept while its run is RUNNING (on any worker of this machine); a
 * workspace while its job has not ended.
 */
public final class LeftoverSweeper implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(LeftoverSweeper.class);

  private final Store store;
  private final TaskRuntime runtime;

  public LeftoverSweeper(Store store, TaskRuntime runtime) {
    this.store = store;
    this.runtime = runtime;
  }

  @Override
  public void run() {
    List<RuntimeResource> resources = runtime.resources();
    for (RuntimeResource container : ofKind(resources, Kind.CONTAINER)) {
      boolean running = store.findRun(container.runId()).map(r -> r.state() == RunState.RUNNING).orElse(false);
      if (!running) {
        remove(container);
      }
    }
    List<RuntimeResource> workspaces = ofKind(resources, Kind.WORKSPACE);
    Set<String> unfinished = store.unfinishedJobs(workspaces.stream().map(RuntimeResource::jobId).collect(Collectors.toSet()));
    workspaces.stream().filter(w -> !unfinished.contains(w.jobId())).forEach(this::remove);
  }

  private void remove(RuntimeResource resource) {
    log.info("removing leftover {} {} of job {}", resource.kind().name().toLowerCase(), resource.id(), resource.jobId());
    runtime.remove(resource);
  }

  private static List<RuntimeResource> ofKind(List<RuntimeResource> resources, Kind kind) {
    return resources.stream().filter(r -> r.kind() == kind).toList();
  }
}
