package dev.gantry.core.engine;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.spi.Signals;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signals within one process: enough for standalone; other processes learn by polling. */
public final class LocalSignals implements Signals {

  private static final Logger log = LoggerFactory.getLogger(LocalSignals.class);

  private final Object lock = new Object();
  private long generation;
  private final List<Consumer<String>> cancelListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<LogPart>> logListeners = new CopyOnWriteArrayList<>();
  private final List<ObjLongConsumer<String>> storedElsewhereListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> missedListeners = new CopyOnWriteArrayList<>();

  @Override
  public void workQueued() {
    synchronized (lock) {
      generation++;
      lock.notifyAll();
    }
  }

  @Override
  public void awaitWork(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      long seen = generation;
      long left;
      while (generation == seen && (left = deadline - System.nanoTime()) > 0) {
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  @Override
  public void jobCancelled(String jobId) {
    deliver(cancelListeners, jobId);
  }

  @Override
  public void onJobCancelled(Consumer<String> listener) {
    cancelListeners.add(listener);
  }

  @Override
  public void jobEnded(String jobId) {
    deliver(endListeners, jobId);
  }

  @Override
  public void onJobEnded(Consumer<String> listener) {
    endListeners.add(listener);
  }

  @Override
  public void logAppended(LogPart part) {
    deliver(logListeners, part);
  }

  @Override
  public void onLogAppended(Consumer<LogPart> listener) {
    logListeners.add(listener);
  }

  @Override
  public void onLogStoredElsewhere(ObjLongConsumer<String> listener) {
    storedElsewhereListeners.add(listener);
  }

  /** For a {@link Signals} that hears other processes: hands on that one of them stored output. */
  public void logStoredElsewhere(String jobId, long partId) {
    for (ObjLongConsumer<String> listener : storedElsewhereListeners) {
      try {
        listener.accept(jobId, partId);
      } catch (RuntimeException e) {
        log.warn("a signal listener failed on log part {} of job {}: {}", partId, jobId, e.toString());
      }
    }
  }

  @Override
  public void onSignalsMissed(Runnable listener) {
    missedListeners.add(listener);
  }

  /** For a {@link Signals} that hears other processes: hands on that it may have missed some. */
  public void signalsMissed() {
    for (Runnable listener : missedListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        log.warn("a signal listener failed on missed signals: {}", e.toString());
      }
    }
  }

  /** A failing listener must not fail the engine thread that signalled, nor keep the others from hearing. */
  private static <T> void deliver(List<Consumer<T>> listeners, T signal) {
    for (Consumer<T> listener : listeners) {
      try {
        listener.accept(signal);
      } catch (RuntimeException e) {
        Object about = signal instanceof LogPart part ? "log part " + part.id() : signal;
        log.warn("a signal listener failed on {}: {}", about, e.toString());
      }
    }
  }
}
