package dev.gantry.core.engine;

import dev.gantry.core.spi.MaintenanceLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs maintenance tasks only while this process holds the maintenance lock, so that of many
 * servers sharing a store one does the work; when it dies, another takes the lock and goes on.
 */
public final class Maintenance {

  private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

  private final MaintenanceLock lock;
  private Boolean holding; // null until the first look, so the first state is always logged

  public Maintenance(MaintenanceLock lock) {
    this.lock = lock;
  }

  /** {@code task}, made to do nothing while another process holds the lock. */
  public Runnable whileHolding(Runnable task) {
    return () -> {
      if (holds()) {
        task.run();
      }
    };
  }

  private synchronized boolean holds() {
    boolean now = lock.tryHold();
    if (holding == null || holding != now) {
      if (now) {
        log.info("this process holds the maintenance lock: it runs the maintenance loops");
      } else {
        log.info("another process holds the maintenance lock (or the database does not answer): standing by");
      }
      holding = now;
    }
    return now;
  }
}
