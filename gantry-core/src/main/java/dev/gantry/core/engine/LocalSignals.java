package dev.gantry.core.engine;

import dev.gantry.core.spi.Signals;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Signals within one process: enough for standalone; other processes learn by polling. */
public final class LocalSignals implements Signals {

  private final Object lock = new Object();
  private long generation;
  private final List<Consumer<String>> cancelListeners = new CopyOnWriteArrayList<>();

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
    cancelListeners.forEach(listener -> listener.accept(jobId));
  }

  @Override
  public void onJobCancelled(Consumer<String> listener) {
    cancelListeners.add(listener);
  }
}
