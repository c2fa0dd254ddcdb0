package dev.gantry.core.spec;

import java.time.Duration;
import java.util.Set;

/**
 * Tork's {@code wait: {timeout}}: the submit answers only once the job has ended, or when
 * {@code timeout} (default {@link #DEFAULT_TIMEOUT}, at most {@link #MAX_TIMEOUT}) passes first.
 * A property of the request, not of the job: it is not stored.
 */
public record JobWait(Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
  /** A submit holds one HTTP request and a thread of the server this long at most. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
  private static final Set<String> FIELDS = Set.of("timeout");

  /** The document's {@code wait}, or null when it has none. */
  public static JobWait read(SpecNode job) {
    SpecNode wait = job.object("wait");
    if (wait == null) {
      return null;
    }
    wait.onlyFields(FIELDS, Set.of());
    Duration timeout = wait.parsed("timeout", Durations::parse);
    if (timeout == null) {
      return new JobWait(DEFAULT_TIMEOUT);
    }
    if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw wait.invalid("timeout", "must be more than 0 and at most " + Durations.format(MAX_TIMEOUT));
    }
    return new JobWait(timeout);
  }
}
