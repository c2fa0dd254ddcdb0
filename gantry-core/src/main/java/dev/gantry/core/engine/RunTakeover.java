package dev.gantry.core.engine;

import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.ReattachableContainer;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.TaskRuntime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At a worker's start: the runs its node's previous process left running in containers on the
 * runtime (that process was stopped after its grace period, or killed), which this process takes
 * over instead of letting them be run again. A run is taken over when it is still RUNNING on this
 * node within its lease and its lease can be renewed under this process's epoch; its containers
 * are then followed to the run's end ({@code resume}, see {@link LeftContainers}). Anything else found is the leftover
 * sweeper's, and a run whose container is gone is handed back when its lease ends, as before.
 */
final class RunTakeover {

  private static final Logger log = LoggerFactory.getLogger(RunTakeover.class);

  private final Store store;
  private final TaskRuntime runtime;
  private final Clock clock;
  private final WorkerSettings settings;
  private final long epoch;
  private final BiConsumer<TaskRun, LeftContainers> resume;

  RunTakeover(Store store, TaskRuntime runtime, Clock clock, WorkerSettings settings, long epoch,
      BiConsumer<TaskRun, LeftContainers> resume) {
    this.store = store;
    this.runtime = runtime;
    this.clock = clock;
    this.settings = settings;
    this.epoch = epoch;
    this.resume = resume;
  }

  void takeOverLeftRuns() {
    List<ReattachableContainer> found;
    try {
      found = runtime.reattachable(settings.nodeId());
    } catch (RuntimeException e) {
      log.warn("could not look for containers left running by node {}'s previous process: {}", settings.nodeId(),
          e.getMessage());
      return;
    }
    for (LeftContainers left : perRun(found).values()) {
      try {
        takeOver(left);
      } catch (RuntimeException e) {
        log.warn("could not take over task run {} (container {}): {}", left.runId(), left.latest().containerId(),
            e.getMessage());
      }
    }
  }

  private void takeOver(LeftContainers left) {
    ReattachableContainer container = left.latest();
    Optional<TaskRun> stored = store.findRun(left.runId());
    Instant now = clock.instant();
    if (stored.isEmpty() || stored.get().state() != RunState.RUNNING || !settings.nodeId().equals(stored.get().nodeId())
        || stored.get().leaseUntil() == null || !stored.get().leaseUntil().isAfter(now)) {
      return; // ended, handed back, or past its lease: the leftover sweeper removes the container
    }
    TaskRun run = stored.get();
    if (!store.renewLease(run.id(), settings.nodeId(), epoch, now.plus(settings.lease()))) {
      return;
    }
    log.info("taking over task '{}' of job {} (run {}), left running in container {}{} by this node's previous process",
        run.name(), run.jobId(), run.id(), shortId(container.containerId()),
        container.step() == null ? "" : " (its " + container.step() + " task)");
    resume.accept(run, left);
  }

  /** The containers found, per run. */
  private static Map<String, LeftContainers> perRun(List<ReattachableContainer> found) {
    Map<String, List<ReattachableContainer>> byRun = new LinkedHashMap<>();
    for (ReattachableContainer c : found) {
      byRun.computeIfAbsent(c.runId(), r -> new ArrayList<>()).add(c);
    }
    Map<String, LeftContainers> runs = new LinkedHashMap<>();
    byRun.forEach((run, containers) -> runs.put(run, new LeftContainers(run, containers)));
    return runs;
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
