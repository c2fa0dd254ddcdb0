package dev.gantry.server.outbound;

import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.spi.DeliveryTransport;

/** The outbox's transports by kind of call: email over SMTP, every other kind over HTTP. */
final class DeliveryChannels implements DeliveryTransport {

  private final DeliveryTransport http;
  private final DeliveryTransport email;

  DeliveryChannels(DeliveryTransport http, DeliveryTransport email) {
    this.http = http;
    this.email = email;
  }

  @Override
  public Attempt send(Delivery delivery) {
    return Delivery.EMAIL.equals(delivery.kind()) ? email.send(delivery) : http.send(delivery);
  }
}
