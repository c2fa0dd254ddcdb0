package dev.gantry.core.spi;

import dev.gantry.core.job.LogPart;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Wake-ups between the parts of Gantry: new work for idle workers, cancelled jobs for the
 * workers running them, new output and ended jobs for log followers and callbacks. Signals only
 * speed things up; correctness never depends on one arriving (workers also poll, lease renewal
 * reports cancelled runs, log followers also read the store).
 */
public interface Signals extends AutoCloseable {

  /** Tells idle workers that a run was queued. */
  void workQueued();

  /** Blocks until work may be waiting or {@code timeout} passes. */
  void awaitWork(Duration timeout) throws InterruptedException;

  /** Tells the workers that a job was cancelled. */
  void jobCancelled(String jobId);

  void onJobCancelled(Consumer<String> listener);

  /** Tells whoever waits for it that a job reached a terminal state (after that was stored). */
  void jobEnded(String jobId);

  /** Listeners run on the signalling thread: they must hand real work to their own threads. */
  void onJobEnded(Consumer<String> listener);

  /** Tells log followers that a part of output was stored. */
  void logAppended(LogPart part);

  /** Listeners run on the thread that stored the part (a task's output thread): keep them short. */
  void onLogAppended(Consumer<LogPart> listener);

  @Override
  default void close() {}
}
