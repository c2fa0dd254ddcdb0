package dev.gantry.core.auth;

import java.time.Duration;

/**
 * Too many failed password sign-ins for a user name or from a client address (HTTP 429): the
 * attempt is refused before its password is hashed. {@code retryAfter} is when the next may come.
 */
public class SignInThrottledException extends RuntimeException {

  private final Duration retryAfter;

  public SignInThrottledException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@link #retryAfter} in whole seconds, rounded up, at least 1: the {@code Retry-After} header's value. */
  public long retryAfterSeconds() {
    long millis = retryAfter.toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }
}
