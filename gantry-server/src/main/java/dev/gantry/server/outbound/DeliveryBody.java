package dev.gantry.server.outbound;

import dev.gantry.core.outbox.Delivery;
import java.io.IOException;
import java.io.OutputStream;

/** Writes the JSON body of one kind of outgoing call (a Hades callback's logs, a webhook's job or task). */
public interface DeliveryBody {

  void write(Delivery delivery, OutputStream out) throws IOException;
}
