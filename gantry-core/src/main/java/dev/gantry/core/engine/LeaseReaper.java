package dev.gantry.core.engine;

import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands back the runs of workers that stopped renewing their leases (killed, or cut off). */
public final class LeaseReaper implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);

  private final Store store;
  private final RunProgress progress;
  private final Clock clock;

  public LeaseReaper(Store store, RunProgress progress, Clock clock) {
    this.store = store;
    this.progress = progress;
    this.clock = clock;
  }

  @Override
  public void run() {
    for (TaskRun run : store.expiredLeases(clock.instant())) {
      progress.reclaimExpired(run).ifPresent(job ->
          log.warn("task run {} of job {} lost its worker {}; job is now {}", run.id(), run.jobId(), run.nodeId(), job.state()));
    }
  }
}
