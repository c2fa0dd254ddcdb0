package dev.gantry.server.outbound;

import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.spi.DeliveryTransport;
import dev.gantry.server.GantryVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Sends the outbox's email calls over SMTP: the recipients are the {@code mailto:} list of the
 * call's URL, {@code To}, {@code Cc} and {@code In-Reply-To} its headers, the subject and text
 * its kind's {@link EmailBody}. The {@code Message-ID} is made of the call's id, the same on every
 * attempt, so that a message sent twice (a sender died after the SMTP server took it) can be
 * recognised. Without SMTP settings every email call fails at once, saying so.
 */
public final class EmailDeliveries implements DeliveryTransport {

  private final SmtpSettings settings;
  private final EmailBody body;

  /** {@code settings}: null when the operator configured no SMTP server. */
  public EmailDeliveries(SmtpSettings settings, EmailBody body) {
    this.settings = settings;
    this.body = body;
  }

  @Override
  public Attempt send(Delivery delivery) {
    if (settings == null) {
      return Attempt.refused("this server sends no email: its operator has not configured --smtp-url");
    }
    if (!delivery.url().startsWith("mailto:")) {
      return Attempt.refused("an email call needs a mailto: URL, not '" + delivery.url() + "'");
    }
    List<String> recipients = Arrays.stream(delivery.url().substring("mailto:".length()).split(","))
        .filter(r -> !r.isBlank()).toList();
    try {
      new SmtpClient(settings).send(recipients, message(delivery, body.compose(delivery)));
      return Attempt.ok();
    } catch (SmtpClient.Rejected e) {
      return e.permanent ? Attempt.refused(e.getMessage()) : Attempt.failed(e.getMessage());
    } catch (NotFoundException e) {
      return Attempt.refused("its " + e.kind() + " " + e.id() + " is gone");
    } catch (IOException e) {
      return Attempt.failed("SMTP server " + settings.host() + ":" + settings.port() + ": "
          + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  /** The whole message: headers, a blank line, the text (7bit when it can be, else base64). */
  String message(Delivery delivery, EmailBody.Email email) {
    StringBuilder m = new StringBuilder();
    header(m, "From", settings.from());
    for (Map.Entry<String, String> h : delivery.headers().entrySet()) {
      header(m, h.getKey(), h.getValue());
    }
    header(m, "Subject", encodedWord(email.subject()));
    header(m, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    header(m, "Message-ID", "<" + delivery.id() + "@gantry>");
    header(m, "X-Gantry-Delivery", delivery.id());
    header(m, "User-Agent", "Gantry/" + GantryVersion.current());
    header(m, "MIME-Version", "1.0");
    header(m, "Content-Type", "text/plain; charset=utf-8");
    String text = email.text().replace("\r\n", "\n").replace("\n", "\r\n");
    boolean plain = text.chars().allMatch(c -> c < 128) && text.lines().allMatch(l -> l.length() <= 998);
    header(m, "Content-Transfer-Encoding", plain ? "7bit" : "base64");
    m.append("\r\n");
    m.append(plain ? text : Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    return m.toString();
  }

  private static void header(StringBuilder m, String name, String value) {
    if (value.contains("\r") || value.contains("\n")) {
      throw new IllegalArgumentException("the header " + name + " must be one line");
    }
    m.append(name).append(": ").append(value).append("\r\n");
  }

  /** {@code text} as a header may carry it: as is when ASCII, else as an RFC 2047 encoded word. */
  static String encodedWord(String text) {
    if (text.chars().allMatch(c -> c >= 32 && c < 127)) {
      return text;
    }
    return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
  }
}
