package dev.gantry.core.cluster;

import dev.gantry.core.spec.InvalidJobException;

/**
 * How the claim treats a queue: workers serving several queues take from the lowest
 * {@code priority} number first (1 to 1000); at most {@code maxConcurrency} of its runs are RUNNING
 * at once across all workers (0: no limit); a queue that is not {@code enabled} keeps its runs
 * waiting. A queue without settings of its own has {@link #defaults}: priority
 * {@value #DEFAULT_PRIORITY}, no limit, enabled.
 */
public record QueueSettings(String name, int priority, int maxConcurrency, boolean enabled) {

  public static final int MIN_PRIORITY = 1;
  public static final int MAX_PRIORITY = 1000;
  /** The middle of the range, so that a queue can be set to run before or after the unset ones. */
  public static final int DEFAULT_PRIORITY = 500;
  public static final int MAX_CONCURRENCY = 100_000;

  public QueueSettings {
    if (!QueueNames.isWellFormed(name)) {
      throw new InvalidJobException("name", "a queue's name must be " + QueueNames.RULE);
    }
    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new InvalidJobException("priority", "must be between " + MIN_PRIORITY + " and " + MAX_PRIORITY
          + " (lower runs first), not " + priority);
    }
    if (maxConcurrency < 0 || maxConcurrency > MAX_CONCURRENCY) {
      throw new InvalidJobException("maxConcurrency", "must be between 0 (no limit) and " + MAX_CONCURRENCY
          + ", not " + maxConcurrency);
    }
  }

  /** The settings of a queue nobody configured. */
  public static QueueSettings defaults(String name) {
    return new QueueSettings(name, DEFAULT_PRIORITY, 0, true);
  }

  public boolean limited() {
    return maxConcurrency > 0;
  }
}
