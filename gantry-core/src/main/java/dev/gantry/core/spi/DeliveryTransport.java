package dev.gantry.core.spi;

import dev.gantry.core.outbox.Delivery;

/**
 * Makes one attempt at an outgoing call. Failures (the target refused by the address policy, a
 * connection error, a non-2xx answer) are returned as an {@link Attempt}, not thrown.
 */
public interface DeliveryTransport {

  Attempt send(Delivery delivery);

  /** How an attempt went; {@code retry}: whether trying again may help (false: a refused target). */
  record Attempt(boolean delivered, boolean retry, String reason) {

    public static Attempt ok() {
      return new Attempt(true, false, null);
    }

    /** Failed for {@code reason}; worth trying again later. */
    public static Attempt failed(String reason) {
      return new Attempt(false, true, reason);
    }

    /** Failed for {@code reason}; trying again would fail the same way. */
    public static Attempt refused(String reason) {
      return new Attempt(false, false, reason);
    }
  }
}
