package dev.gantry.core.engine;

import dev.gantry.core.job.NodePath;
import dev.gantry.core.spi.StoreTransaction;

/**
 * Where a {@link Progression} finds the element of an each that a child it starts needs in its
 * templates: a stored each's row is read without its list (a transition must not cost more for a
 * longer one), so its elements are looked up one at a time, only for the children started.
 */
@FunctionalInterface
public interface EachItems {

  /** Every row carries its items: a test's rows, or a row stored before the items had rows of their own. */
  EachItems IN_ROWS = (each, index) -> null;

  /** The element at {@code index} of the each at {@code each}, as its list was evaluated (null: a null element). */
  Object item(NodePath each, int index);

  /** The job's items as the transaction reads them. */
  static EachItems of(StoreTransaction tx, String jobId) {
    return (each, index) -> tx.eachItem(jobId, each, index);
  }
}
