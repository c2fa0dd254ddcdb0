package dev.gantry.server.outbound;

import dev.gantry.core.outbox.Delivery;

/** Writes the subject and text of one kind of email (a builds.sr.ht trigger's). */
public interface EmailBody {

  /** What an email says. */
  record Email(String subject, String text) {}

  Email compose(Delivery delivery);
}
