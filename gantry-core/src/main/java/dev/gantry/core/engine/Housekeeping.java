package dev.gantry.core.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Periodic maintenance (lease reaping, leftover sweeping). A failing round is logged; the schedule goes on. */
public final class Housekeeping implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Threads.named("gantry-housekeeping"));

  /** Runs {@code task} now and then every {@code period}. */
  public Housekeeping every(Duration period, String name, Runnable task) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("{} failed (will run again in {}): {}", name, period, e.toString());
      }
    }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
