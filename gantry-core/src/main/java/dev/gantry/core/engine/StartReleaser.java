package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the SCHEDULED jobs whose start time has come; a maintenance task. Each release is one
 * transaction that locks the job, and only while it is still SCHEDULED queues its first task (as a
 * submit would) and marks the start done: so a job starts exactly once however many releasers
 * run, and a crash either released it or left it due. A job cancelled meanwhile is only marked done.
 */
public final class StartReleaser implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(StartReleaser.class);
  /** Due starts released per round; more wait for the next round. */
  static final int BATCH = 100;

  private final Store store;
  private final Signals signals;
  private final Clock clock;

  public StartReleaser(Store store, Signals signals, Clock clock) {
    this.store = store;
    this.signals = signals;
    this.clock = clock;
  }

  @Override
  public void run() {
    Instant now = clock.instant();
    for (String jobId : store.dueStarts(now, BATCH)) {
      release(jobId, now).ifPresent(applied -> applied.announce(signals));
    }
  }

  /**
   * What the release did, to announce after the commit, or nothing when the job was no longer
   * waiting. Its first task is reached as a submit reaches it ({@link Progression#submitted}): its
   * composites' rows, its sub-jobs and its first runs, with the job's priority, in this transaction.
   */
  private Optional<ProgressWrites.Applied> release(String jobId, Instant now) {
    return store.inTransaction(tx -> {
      tx.startReleased(jobId);
      Optional<Job> locked = tx.lockJob(jobId);
      if (locked.isEmpty() || locked.get().state() != JobState.SCHEDULED) {
        return Optional.empty();
      }
      Progression first = Progression.submitted(locked.get().requeued(), now);
      ProgressWrites.Applied applied = ProgressWrites.apply(tx, first, now);
      log.debug("job {} released at its start time", jobId);
      return Optional.of(applied);
    });
  }
}
