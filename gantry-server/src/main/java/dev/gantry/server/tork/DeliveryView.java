package dev.gantry.server.tork;

import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.DeliveryState;
import dev.gantry.server.LoggableUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;

/**
 * One outgoing call of a job ({@code GET /jobs/{id}/deliveries}): what it was for, where it went
 * (the URL without credentials or query, see {@link LoggableUrl}), and how it went: {@code state}
 * PENDING (waiting for its first or next attempt, at {@code nextAttemptAt}), DELIVERED or FAILED,
 * with the reason of the last failed attempt in {@code error}. {@code id} is the
 * {@code X-Gantry-Delivery} header the receiver saw.
 */
record DeliveryView(String id, String kind, String event, String taskId, String url, String state, int attempts,
    Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, String error) {

  static DeliveryView of(Delivery d) {
    return new DeliveryView(d.id(), d.kind(), d.event(), d.runId(), shown(d.url()), d.state().name(), d.attempts(),
        d.createdAt(), d.state() == DeliveryState.PENDING ? d.nextAttemptAt() : null,
        d.deliveredAt(), d.lastError());
  }

  private static String shown(String url) {
    try {
      return LoggableUrl.of(new URI(url));
    } catch (URISyntaxException e) {
      return "(unparseable URL)";
    }
  }
}
