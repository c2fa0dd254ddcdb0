package dev.gantry.core.spi;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Wake-ups between the parts of Gantry: new work for idle workers, cancelled jobs for the
 * workers running them. Signals only speed things up; correctness never depends on one
 * arriving (workers also poll, and lease renewal reports cancelled runs).
 */
public interface Signals extends AutoCloseable {

  /** Tells idle workers that a run was queued. */
  void workQueued();

  /** Blocks until work may be waiting or {@code timeout} passes. */
  void awaitWork(Duration timeout) throws InterruptedException;

  /** Tells the workers that a job was cancelled. */
  void jobCancelled(String jobId);

  void onJobCancelled(Consumer<String> listener);

  @Override
  default void close() {}
}
