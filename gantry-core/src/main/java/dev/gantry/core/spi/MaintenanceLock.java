package dev.gantry.core.spi;

/**
 * Lets one process of many sharing a store run the maintenance loops (lease reaping, marking
 * nodes offline): the one holding this lock. The loops are correct when two run at once (each
 * change is a transaction that checks its condition again); the lock only keeps them from
 * doing the same work twice.
 */
public interface MaintenanceLock extends AutoCloseable {

  /**
   * Whether this process holds the lock now, taking it when it is free. Never throws: when the
   * database does not answer, the lock is not held.
   */
  boolean tryHold();

  /** Gives the lock up, so that another process can take it at once. */
  @Override
  default void close() {}

  /** For a process that is alone on its store (embedded H2): always held. */
  static MaintenanceLock alone() {
    return () -> true;
  }
}
