package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gantry.server.hostile.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Malformed requests are DEBUG lines, summed up in at most one INFO line a minute: never a WARN each. */
class MalformedRequestLogTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger(MalformedRequestLog.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Level level;

  @BeforeEach
  void capture() {
    level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
    logger.setLevel(level);
  }

  private List<String> at(Level wanted) {
    synchronized (lines.list) {
      return lines.list.stream().filter(e -> e.getLevel() == wanted).map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Test
  void aFloodOfMalformedRequestsIsOneInfoLineAMinute() {
    Instant start = Instant.parse("2026-12-01T10:00:00Z");
    Instant[] now = {start};
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override public Instant instant() {
        return now[0];
      }
    };
    MalformedRequestLog log = new MalformedRequestLog(clock, Duration.ofMinutes(1));

    for (int i = 0; i < 1000; i++) {
      log.rejected(431, "Request Header Fields Too Large");
    }
    now[0] = start.plusSeconds(61);
    log.rejected(414, "URI Too Long");

    assertThat(at(Level.DEBUG)).hasSize(1001);
    assertThat(at(Level.INFO)).hasSize(2);
    assertThat(at(Level.INFO).get(0)).startsWith("rejected 1 malformed HTTP request (the latest: 431");
    assertThat(at(Level.INFO).get(1)).startsWith("rejected 1000 malformed HTTP requests (")
        .contains("the latest: 414 URI Too Long");
    assertThat(at(Level.WARN)).isEmpty();
  }

  @Test
  void theServerCountsWhatJettyRejectsBeforeAnyDialect() throws Exception {
    try (TestServer server = new TestServer()) {
      int port = server.uri("/").getPort();
      for (int i = 0; i < 3; i++) {
        RawHttp.Response response = RawHttp.send(port, ("GET /jobs?q=" + "u".repeat(20_000)
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(response.status()).isEqualTo(414);
      }
      assertThat(at(Level.DEBUG)).hasSize(3).allSatisfy(line -> assertThat(line).contains("414 URI Too Long"));
      assertThat(at(Level.INFO)).hasSize(1);
    }
  }
}
