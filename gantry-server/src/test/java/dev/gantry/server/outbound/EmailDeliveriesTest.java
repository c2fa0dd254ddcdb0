package dev.gantry.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.spi.DeliveryTransport.Attempt;
import dev.gantry.server.SmtpSink;
import dev.gantry.server.SmtpSink.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Email calls over real SMTP, to a sink on 127.0.0.1. */
class EmailDeliveriesTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final EmailBody BODY = d -> new EmailBody.Email("[ci] build failed", "Job #7: failed\n.hidden line\n\nend\n");

  private static Delivery call(String url, Map<String, String> headers) {
    return Delivery.pending("d-42", Delivery.EMAIL, "j1", null, Delivery.JOB_ENDED, url, headers, "FAILED", 1, Instant.now());
  }

  @Test
  void aMessageReachesEveryRecipientWithItsHeadersAndText() throws Exception {
    try (SmtpSink sink = new SmtpSink()) {
      EmailDeliveries email = new EmailDeliveries(new SmtpSettings("127.0.0.1", sink.port(), "builds@example.org"), BODY);

      Attempt attempt = email.send(call("mailto:a@example.org,c@example.org",
          Map.of("To", "Alice <a@example.org>", "Cc", "c@example.org", "In-Reply-To", "<patch-1@lists.example.org>")));

      assertThat(attempt.delivered()).as(attempt.reason()).isTrue();
      Message m = sink.next(WAIT);
      assertThat(m.from()).isEqualTo("builds@example.org");
      assertThat(m.recipients()).containsExactly("a@example.org", "c@example.org");
      assertThat(m.header("From")).isEqualTo("builds@example.org");
      assertThat(m.header("To")).isEqualTo("Alice <a@example.org>");
      assertThat(m.header("Cc")).isEqualTo("c@example.org");
      assertThat(m.header("In-Reply-To")).isEqualTo("<patch-1@lists.example.org>");
      assertThat(m.header("Subject")).isEqualTo("[ci] build failed");
      assertThat(m.header("Message-ID")).isEqualTo("<d-42@gantry>");
      assertThat(m.header("Content-Transfer-Encoding")).isEqualTo("7bit");
      assertThat(m.body()).isEqualTo("Job #7: failed\n.hidden line\n\nend\n");
    }
  }

  @Test
  void textBeyondAsciiTravelsEncoded() throws Exception {
    try (SmtpSink sink = new SmtpSink()) {
      EmailDeliveries email = new EmailDeliveries(new SmtpSettings("127.0.0.1", sink.port(), "builds@example.org"),
          d -> new EmailBody.Email("[café] build success", "Grüße\n"));

      assertThat(email.send(call("mailto:a@example.org", Map.of())).delivered()).isTrue();

      Message m = sink.next(WAIT);
      assertThat(m.header("Subject")).isEqualTo(EmailDeliveries.encodedWord("[café] build success")).startsWith("=?UTF-8?B?");
      assertThat(m.header("Content-Transfer-Encoding")).isEqualTo("base64");
      assertThat(new String(Base64.getMimeDecoder().decode(m.body().strip()), StandardCharsets.UTF_8)).isEqualTo("Grüße\r\n");
    }
  }

  @Test
  void aBusyServerIsTriedAgainAndAMissingOneToo() throws Exception {
    try (SmtpSink sink = new SmtpSink(1)) {
      EmailDeliveries email = new EmailDeliveries(new SmtpSettings("127.0.0.1", sink.port(), "builds@example.org"), BODY);

      Attempt busy = email.send(call("mailto:a@example.org", Map.of()));

      assertThat(busy.delivered()).isFalse();
      assertThat(busy.retry()).isTrue();
      assertThat(busy.reason()).contains("451 try again later");
      assertThat(email.send(call("mailto:a@example.org", Map.of())).delivered()).isTrue();
    }
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Attempt nobody = new EmailDeliveries(new SmtpSettings("127.0.0.1", closed, "builds@example.org"), BODY)
        .send(call("mailto:a@example.org", Map.of()));
    assertThat(nobody.retry()).isTrue();
    assertThat(nobody.reason()).startsWith("SMTP server 127.0.0.1:" + closed);
  }

  @Test
  void withoutSmtpAnEmailCallFailsForGoodSayingWhy() {
    Attempt attempt = new EmailDeliveries(null, BODY).send(call("mailto:a@example.org", Map.of()));

    assertThat(attempt.delivered()).isFalse();
    assertThat(attempt.retry()).isFalse();
    assertThat(attempt.reason()).contains("--smtp-url");
  }

  @Test
  void smtpSettingsAreCheckedWithMessagesNamingTheOption() {
    assertThat(SmtpSettings.parse("smtp://mail.example.org", "b@example.org")).isEqualTo(
        new SmtpSettings("mail.example.org", 25, "b@example.org"));
    assertThat(SmtpSettings.parse(" ", "b@example.org")).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpSettings.parse("http://x", "b@example.org"))
        .hasMessageContaining("--smtp-url must be smtp://host[:port]");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpSettings.parse("smtp://u:p@x:25", "b@example.org"))
        .hasMessageContaining("no user");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpSettings.parse("smtp://x", "not an address"))
        .hasMessageContaining("--smtp-from must be an email address");
  }
}
