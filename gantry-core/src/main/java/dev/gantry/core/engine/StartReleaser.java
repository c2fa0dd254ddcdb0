package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
    boolean queued = false;
    for (String jobId : store.dueStarts(now, BATCH)) {
      Optional<Job> started = release(jobId, now);
      if (started.isPresent() && started.get().state().isTerminal()) {
        signals.jobEnded(jobId);
      } else if (started.isPresent()) {
        queued = true;
      }
    }
    if (queued) {
      signals.workQueued();
    }
  }

  /** The job as released, or nothing when it was no longer waiting. */
  private Optional<Job> release(String jobId, Instant now) {
    return store.inTransaction(tx -> {
      tx.startReleased(jobId);
      Optional<Job> locked = tx.lockJob(jobId);
      if (locked.isEmpty() || locked.get().state() != JobState.SCHEDULED) {
        return Optional.empty();
      }
      TaskActivation.Outcome first = TaskActivation.reach(locked.get().requeued(), 1, 1, List.of(), null, now);
      if (!first.runs().isEmpty()) {
        tx.insertRuns(first.runs());
      }
      tx.updateJob(first.job());
      log.debug("job {} released at its start time", jobId);
      return Optional.of(first.job());
    });
  }
}
