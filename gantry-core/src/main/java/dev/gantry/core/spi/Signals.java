package dev.gantry.core.spi;

import dev.gantry.core.job.LogPart;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

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

  /**
   * Listeners hear that another process stored the job's output up to part id {@code partId}
   * (job id, part id): it is in the store, to be read there. Only a {@link Signals} that hears other
   * processes calls them, on its notification thread: keep them short.
   */
  default void onLogStoredElsewhere(ObjLongConsumer<String> listener) {}

  /**
   * Listeners hear that signals from other processes may have been missed (the connection they
   * come by was down): whoever waits for one should look at the store now. Same thread rule.
   */
  default void onSignalsMissed(Runnable listener) {}

  /** True when signals reach other processes too, so that pollers may look at the store less often. */
  default boolean reachesOtherProcesses() {
    return false;
  }

  @Override
  default void close() {}
}
