package dev.gantry.core.spi;

import java.time.Duration;

/**
 * What a worker reports about the work it did, for whoever keeps metrics (the core keeps none and
 * knows no metrics library). Calls come from task threads: implementations must be quick and
 * thread-safe.
 */
public interface WorkMetrics {

  /** Reports nothing. */
  WorkMetrics NONE = (queue, outcome, ran) -> {};

  /**
   * A task's container ran for {@code ran} in {@code queue} and ended with {@code outcome}:
   * {@code succeeded}, {@code failed}, {@code timed_out}, {@code cancelled}, {@code lease_lost}
   * or {@code shutdown}.
   */
  void runEnded(String queue, String outcome, Duration ran);

  /** A run waited {@code waited} in {@code queue}, from being queued to being claimed here. */
  default void runClaimed(String queue, Duration waited) {}
}
