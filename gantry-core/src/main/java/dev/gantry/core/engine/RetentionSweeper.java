package dev.gantry.core.engine;

import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes ended jobs that are due, a maintenance task: those whose {@code autoDelete.after} has
 * passed, and (with a retention, e.g. {@code --retention 30d}) those that ended longer ago than
 * that. A few at a time, each job (with its runs, logs, words and calls) in a transaction of its
 * own, so that a busy store is never held up by a long deletion; what is left waits for the next round.
 */
public final class RetentionSweeper implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
  /** Jobs deleted per round at most. */
  static final int BATCH = 50;

  private final Store store;
  private final Clock clock;
  private final Duration retention;

  /** {@code retention}: how long ended jobs are kept (null: until their own autoDelete, else for ever). */
  public RetentionSweeper(Store store, Clock clock, Duration retention) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
  }

  @Override
  public void run() {
    Instant now = clock.instant();
    int deleted = 0;
    for (String id : store.jobsToDelete(now, retention == null ? null : now.minus(retention), BATCH)) {
      if (store.deleteEndedJob(id)) {
        deleted++;
      }
    }
    if (deleted > 0) {
      log.info("deleted {} ended job(s) past their retention", deleted);
    }
  }
}
