package dev.gantry.core.outbox;

import java.time.Duration;

/**
 * How hard the outbox tries: at most {@code maxAttempts} attempts and no new one later than
 * {@code maxAge} after the call was written; the pause after the n-th failed attempt is
 * {@code firstPause * 5^(n-1)}, at most {@code maxPause}. A sender holds a claimed call for
 * {@code lease}: longer than an attempt can take, so that a call is sent again only when its
 * sender died.
 */
public record OutboxSettings(int maxAttempts, Duration firstPause, Duration maxPause, Duration maxAge, Duration lease) {

  /** 10 attempts over about a day and a half (1s, 5s, 25s, ~2m, ~10m, then every hour), for a day. */
  public static final OutboxSettings DEFAULTS =
      new OutboxSettings(10, Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(2));

  public OutboxSettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("an outgoing call needs at least 1 attempt, not " + maxAttempts);
    }
    if (firstPause.isNegative() || maxPause.compareTo(firstPause) < 0 || maxAge.isNegative() || lease.toMillis() < 1) {
      throw new IllegalArgumentException("outbox pauses, age and lease must be positive and the first pause at most the longest");
    }
  }

  /** The pause after the {@code attempt}-th failed attempt (1-based). */
  public Duration pauseAfter(int attempt) {
    Duration pause = firstPause;
    for (int i = 1; i < attempt && pause.compareTo(maxPause) < 0; i++) {
      pause = pause.multipliedBy(5);
    }
    return pause.compareTo(maxPause) > 0 ? maxPause : pause;
  }
}
