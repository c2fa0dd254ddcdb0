package dev.gantry.store;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.Store;

/** Puts a test's job or run into a store, each in a transaction of its own, and hands it back. */
public final class TestRows {

  private TestRows() {}

  public static Job saved(Store store, Job job) {
    store.inTransaction(tx -> {
      tx.insertJob(job);
      return null;
    });
    return job;
  }

  public static TaskRun saved(Store store, TaskRun run) {
    store.inTransaction(tx -> {
      tx.insertRun(run);
      return null;
    });
    return run;
  }
}
