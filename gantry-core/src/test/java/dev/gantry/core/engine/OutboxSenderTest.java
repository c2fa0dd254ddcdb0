package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.DeliveryState;
import dev.gantry.core.outbox.OutboxSettings;
import dev.gantry.core.spi.DeliveryTransport.Attempt;
import dev.gantry.core.testing.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The retry rule of outgoing calls: growing pauses, bounded in count and in time, refusals final. */
class OutboxSenderTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final OutboxSettings SETTINGS =
      new OutboxSettings(4, Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofMinutes(1), Duration.ofMinutes(2));
  private final OutboxSender sender = new OutboxSender(new InMemoryStore(), d -> Attempt.ok(), SETTINGS, Clock.systemUTC());

  private static Delivery attempted(int attempts) {
    Delivery call = Delivery.pending("d", Delivery.WEBHOOK, "j", null, "job.StateChange", "https://e.com", Map.of(),
        "SUCCEEDED", 1, T0);
    for (int i = 0; i < attempts; i++) {
      call = call.claimed();
    }
    return call;
  }

  @Test
  void pausesGrowFiveFoldUpToTheLongest() {
    assertThat(SETTINGS.pauseAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(SETTINGS.pauseAfter(2)).isEqualTo(Duration.ofSeconds(5));
    assertThat(SETTINGS.pauseAfter(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(SETTINGS.pauseAfter(50)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aFailedAttemptIsRetriedAfterItsPause() {
    Delivery after = sender.outcome(attempted(2), Attempt.failed("the receiver answered 503"), T0.plusSeconds(2));
    assertThat(after.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(after.nextAttemptAt()).isEqualTo(T0.plusSeconds(7));
    assertThat(after.lastError()).isEqualTo("the receiver answered 503");
  }

  @Test
  void theLastAttemptFailsTheCallForGood() {
    Delivery after = sender.outcome(attempted(4), Attempt.failed("the receiver answered 503"), T0.plusSeconds(30));
    assertThat(after.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(after.lastError()).isEqualTo("gave up after 4 attempts: the receiver answered 503");
  }

  @Test
  void noAttemptIsMadeBeyondTheMaximumAge() {
    Delivery after = sender.outcome(attempted(2), Attempt.failed("timeout"), T0.plusSeconds(58));
    assertThat(after.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(after.lastError()).startsWith("gave up after 2 attempts over PT1M");
  }

  @Test
  void aRefusedTargetFailsAtOnceAndADeliveredCallIsDone() {
    assertThat(sender.outcome(attempted(1), Attempt.refused("refused: 127.0.0.1 is a loopback address"), T0).state())
        .isEqualTo(DeliveryState.FAILED);
    Delivery delivered = sender.outcome(attempted(1), Attempt.ok(), T0.plusSeconds(1));
    assertThat(delivered.state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(delivered.deliveredAt()).isEqualTo(T0.plusSeconds(1));
  }
}
