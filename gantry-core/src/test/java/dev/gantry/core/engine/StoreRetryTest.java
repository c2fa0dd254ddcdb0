package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A write through a short outage lands; one through a long outage gives up with the failure. */
class StoreRetryTest {

  @Test
  void retriesUntilTheWriteLands() {
    AtomicInteger attempts = new AtomicInteger();

    String result = StoreRetry.within(Duration.ofSeconds(10), "a write", () -> {
      if (attempts.incrementAndGet() < 3) {
        throw new IllegalStateException("database restarting");
      }
      return "stored";
    });

    assertThat(result).isEqualTo("stored");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void givesUpWithTheLastFailureAfterItsTime() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> StoreRetry.within(Duration.ofSeconds(1), "a write", () -> {
      throw new IllegalStateException("down, attempt " + attempts.incrementAndGet());
    })).hasMessage("down, attempt " + attempts.get());

    // Pauses of 0.1, 0.2 and 0.4 s: 4 attempts in the second; a stall of up to 0.9 s still leaves 2.
    assertThat(attempts.get()).isBetween(2, 5);
  }
}
