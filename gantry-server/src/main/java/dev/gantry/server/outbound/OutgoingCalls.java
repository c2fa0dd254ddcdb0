package dev.gantry.server.outbound;

import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.OutboxSender;
import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.OutboxSettings;
import dev.gantry.core.spi.Store;
import dev.gantry.server.hades.HadesCallbackBody;
import dev.gantry.server.sourcehut.SourcehutEmail;
import dev.gantry.server.sourcehut.SourcehutWebhookBody;
import dev.gantry.server.tork.WebhookBody;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The sender of a server's outgoing calls, with a body for every kind of call Gantry makes. Every
 * process that serves the API runs one, every {@link #EVERY}: the store gives each call to one of them.
 */
public final class OutgoingCalls {

  /** How often a sender looks for due calls: the most a call waits after its cause committed. */
  public static final Duration EVERY = Duration.ofSeconds(1);

  private OutgoingCalls() {}

  /** A sender that sends no email (its email calls fail, saying so). */
  public static OutboxSender sender(Store store, JobService jobs, CallTargetPolicy policy, OutboxSettings settings,
      Clock clock) {
    return sender(store, jobs, policy, settings, clock, null);
  }

  /** {@code smtp}: where email goes (null: nowhere). */
  public static OutboxSender sender(Store store, JobService jobs, CallTargetPolicy policy, OutboxSettings settings,
      Clock clock, SmtpSettings smtp) {
    Map<String, DeliveryBody> bodies = Map.of(Delivery.HADES_CALLBACK, new HadesCallbackBody(jobs),
        Delivery.WEBHOOK, new WebhookBody(jobs), Delivery.SOURCEHUT_WEBHOOK, new SourcehutWebhookBody(jobs));
    return new OutboxSender(store, new DeliveryChannels(new HttpDeliveries(policy, bodies),
        new EmailDeliveries(smtp, new SourcehutEmail(jobs))), settings, clock);
  }
}
