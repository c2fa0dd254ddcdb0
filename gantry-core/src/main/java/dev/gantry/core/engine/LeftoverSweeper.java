package dev.gantry.core.engine;

import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.core.spi.RuntimeResource.Kind;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.TaskRuntime;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
  private final KeptEnvironments environments;

  public LeftoverSweeper(Store store, TaskRuntime runtime) {
    this(store, runtime, Clock.systemUTC());
  }

  public LeftoverSweeper(Store store, TaskRuntime runtime, Clock clock) {
    this.store = store;
    this.environments = new KeptEnvironments(store);
    this.runtime = runtime;
    this.clock = clock;
  }

  @Override
  public void run() {
    List<RuntimeResource> resources = runtime.resources();
    Set<String> kept = keptRunsAndJobs(resources);
    for (RuntimeResource resource : resources) {
      // What ended: the run (QUEUED is never one: a run is RUNNING before its first container exists), or the job.
      Optional<String> ended = resource.kind() != Kind.WORKSPACE
          ? store.findRun(resource.runId()).filter(run -> run.state().isTerminal()).map(run -> "run " + run.id() + " "
              + run.state().name().toLowerCase(Locale.ROOT))
          : store.findJob(resource.jobId()).filter(job -> job.state().isTerminal()).map(job -> "job "
              + job.state().name().toLowerCase(Locale.ROOT));
      if (!kept.contains(resource.kind() == Kind.WORKSPACE ? resource.jobId() : resource.runId())) {
        ended.ifPresent(why -> remove(resource, why));
      }
    }
  }

  /**
   * The runs whose ended session's environment is kept now for a shell ({@link KeptEnvironments}),
   * and their jobs: the run's container and the job's workspace stay until the keep time ends (also
   * across a restart, as it is worked out from the stored run).
   */
  private Set<String> keptRunsAndJobs(List<RuntimeResource> resources) {
    Set<String> kept = new HashSet<>();
    Instant now = clock.instant();
    for (RuntimeResource resource : resources) {
      if (resource.kind() != Kind.CONTAINER || resource.runId() == null) {
        continue;
      }
      store.findRun(resource.runId()).flatMap(run -> store.findJob(run.jobId()))
          .flatMap(job -> environments.current(job, now))
          .filter(environment -> environment.runId().equals(resource.runId()))
          .ifPresent(environment -> {
            kept.add(environment.runId());
            kept.add(environment.jobId());
          });
    }
    return kept;
  }

  private void remove(RuntimeResource resource, String ended) {
    // A run's own worker removes its containers right after storing its outcome: seeing one here first is a race, not a leak.
    log.info("removing {} {} of job {}: its {}", resource.kind().name().toLowerCase(), resource.id(), resource.jobId(), ended);
    runtime.remove(resource);
    if (resource.kind() == Kind.CONTAINER) {
      // A cancelled run whose worker was gone before its container stopped: it has now (Daestro's cancelling ends).
      store.containerStopped(resource.runId(), clock.instant());
    }
  }
}
