package dev.gantry.core.engine;

import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts again, from their first task on another engine, the pinned jobs whose engine is gone: no
 * node on it has been alive for {@link #GRACE} (killed workers, a lost machine; a worker stopped for
 * an upgrade and started again within it keeps its jobs), and none of their runs holds a lease.
 * Their workspace went with the engine. A job is restarted at most
 * {@link dev.gantry.core.cluster.WorkspacePinning#MAX_ENGINE_RESTARTS} times; the next loss fails it.
 * Runs under the maintenance lock, after the lease reaper.
 */
public final class EngineReaper implements Runnable {

  /** How long an engine may have no live node before its jobs are started again elsewhere: a default lease. */
  public static final Duration GRACE = Duration.ofSeconds(15);
  private static final int BATCH = 100;
  private static final Logger log = LoggerFactory.getLogger(EngineReaper.class);

  private final Store store;
  private final RunProgress progress;
  private final Clock clock;
  private final Duration grace;

  public EngineReaper(Store store, RunProgress progress, Clock clock) {
    this(store, progress, clock, GRACE);
  }

  public EngineReaper(Store store, RunProgress progress, Clock clock, Duration grace) {
    this.store = store;
    this.progress = progress;
    this.clock = clock;
    this.grace = grace;
  }

  @Override
  public void run() {
    Instant aliveSince = clock.instant().minus(grace);
    for (String jobId : store.jobsOnLostEngines(aliveSince, BATCH)) {
      progress.engineLost(jobId, aliveSince).ifPresent(job -> {
        if (job.state().isTerminal()) {
          log.warn("job {} lost the engine of its workspace once too often: it failed ({})", jobId, job.error());
        } else {
          log.warn("job {} lost the engine of its workspace: it starts again from its first task on a new workspace", jobId);
        }
      });
    }
  }
}
