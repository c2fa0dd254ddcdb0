package dev.gantry.server.sourcehut;

import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spec.InvalidJobException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A manifest's triggers as the job's end triggers: the outbox writes their calls in the
 * transaction that ends the job and sends them with retries, so none is lost to a crash. A
 * webhook POSTs the job's JSON ({@link SourcehutWebhookBody}); an email goes over the operator's
 * SMTP server ({@link SourcehutEmail}) to {@code mailto:} the trigger's addresses, its {@code To},
 * {@code Cc} and {@code In-Reply-To} kept as headers.
 */
final class SourcehutTriggers {

  private SourcehutTriggers() {}

  /** A manifest's {@code triggers} (read at {@code at}) as end triggers; an email trigger needs {@code smtpConfigured}. */
  static List<EndTrigger> of(List<Manifest.Trigger> triggers, boolean smtpConfigured, String at) {
    return of(triggers, smtpConfigured, at, "manifest");
  }

  /** The same, a refusal naming {@code field}. */
  static List<EndTrigger> of(List<Manifest.Trigger> triggers, boolean smtpConfigured, String at, String field) {
    List<EndTrigger> calls = new ArrayList<>();
    for (int i = 0; i < triggers.size(); i++) {
      Manifest.Trigger trigger = triggers.get(i);
      EndTrigger.Condition condition = EndTrigger.Condition.valueOf(trigger.condition().toUpperCase(Locale.ROOT));
      if (trigger.action().equals("webhook")) {
        calls.add(new EndTrigger(Delivery.SOURCEHUT_WEBHOOK, condition, trigger.url(), Map.of()));
        continue;
      }
      if (!smtpConfigured) {
        throw new InvalidJobException(field, at + "[" + i + "]: this server sends no email (its operator has not"
            + " configured --smtp-url)");
      }
      List<String> recipients = new ArrayList<>(EmailAddresses.parse(at + "[" + i + "].to", trigger.to()));
      recipients.addAll(EmailAddresses.parse(at + "[" + i + "].cc", trigger.cc()));
      Map<String, String> headers = new LinkedHashMap<>();
      if (trigger.to() != null) {
        headers.put("To", EmailAddresses.header(trigger.to()));
      }
      if (trigger.cc() != null) {
        headers.put("Cc", EmailAddresses.header(trigger.cc()));
      }
      if (trigger.inReplyTo() != null) {
        headers.put("In-Reply-To", trigger.inReplyTo());
      }
      calls.add(new EndTrigger(Delivery.EMAIL, condition, "mailto:" + String.join(",", recipients), headers));
    }
    return calls;
  }
}
