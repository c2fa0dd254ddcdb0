package dev.gantry.core.engine;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a store write that should survive a short database outage (a restart, a failover):
 * that a claimed run started, and how it ended. Gives up after {@code within} and throws the
 * last failure; the run then stays claimed until its lease runs out and the lease reaper hands
 * it back, as for a lost worker. The writes retried are idempotent: each checks, under the
 * job's lock, that the run is still where it was.
 */
final class StoreRetry {

  private static final Logger log = LoggerFactory.getLogger(StoreRetry.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

  private StoreRetry() {}

  static <T> T within(Duration within, String what, Supplier<T> write) {
    long deadline = System.nanoTime() + within.toNanos();
    Duration pause = FIRST_PAUSE;
    for (int attempt = 1; ; attempt++) {
      try {
        T result = write.get();
        if (attempt > 1) {
          log.info("stored {} after {} attempts", what, attempt);
        }
        return result;
      } catch (RuntimeException e) {
        if (System.nanoTime() + pause.toNanos() > deadline || !pause(pause)) {
          throw e;
        }
        if (attempt == 1) {
          log.warn("could not store {} (retrying for up to {}): {}", what, within, e.getMessage());
        }
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
      }
    }
  }

  private static boolean pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
