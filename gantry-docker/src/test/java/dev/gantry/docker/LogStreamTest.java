package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.LogPart.Stream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Draining a container's output after it ended: slow delivery is waited for, silence is not, and
 * what the follow stream missed is added from the engine's log without repeating anything.
 */
class LogStreamTest {

  private static final LogTail NOTHING_MISSED = lastSeen -> List.of();
  private static final AutoCloseable NO_STREAM = () -> { };

  private final RecordingSink sink = new RecordingSink();

  @Test
  void aBacklogStillArrivingAfterTheContainerEndedIsReadToTheEnd() throws Exception {
    LogStream stream = new LogStream(sink, 1 << 20);
    Thread engine = new Thread(() -> {
      try {
        for (int i = 0; i < 25; i++) {
          stream.onMessage(message(Stream.STDOUT, "t" + i, "line " + i + "\n"));
          // Each gap is shorter than the quiet limit (a twentieth of it, for a loaded machine), all of them together longer.
          Thread.sleep(50);
        }
        stream.onEnd();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    engine.start();
    stream.finish(Duration.ofSeconds(1), NO_STREAM, NOTHING_MISSED);
    engine.join();
    assertThat(sink.texts()).hasSize(25).endsWith("line 24");
  }

  @Test
  void aStreamThatStaysSilentIsClosedAfterTheQuietLimitAndItsLastLineKeptAsPrinted() throws Exception {
    LogStream stream = new LogStream(sink, 1 << 20);
    stream.onMessage(message(Stream.STDOUT, "t1", "partial"));
    stream.finish(Duration.ofMillis(100), NO_STREAM, NOTHING_MISSED);
    assertThat(sink.output(Stream.STDOUT)).isEqualTo("partial");
  }

  @Test
  void whatTheFollowStreamMissedIsAddedAfterTheLastMessageItDelivered() throws Exception {
    LogStream stream = new LogStream(sink, 1 << 20);
    stream.onMessage(message(Stream.STDOUT, "t1", "a\n"));
    stream.onMessage(message(Stream.STDERR, "t2", "to err\n"));
    stream.onEnd();
    List<LogMessage> engineLog = List.of(message(Stream.STDOUT, "t1", "a\n"), message(Stream.STDERR, "t2", "to err\n"),
        message(Stream.STDOUT, "t3", "tail"), message(Stream.STDERR, "t4", "err tail"));
    List<LogMessage> askedAfter = new ArrayList<>();

    stream.finish(Duration.ofSeconds(5), NO_STREAM, lastSeen -> {
      askedAfter.add(lastSeen);
      return LogTail.after(engineLog, lastSeen, true);
    });

    assertThat(askedAfter).hasSize(1);
    assertThat(askedAfter.get(0).sameAs(message(Stream.STDERR, "t2", "to err\n"))).isTrue();
    assertThat(sink.output(Stream.STDOUT)).isEqualTo("a\ntail");
    assertThat(sink.output(Stream.STDERR)).isEqualTo("to err\nerr tail");
  }

  @Test
  void framesAfterTheEndAreIgnored() throws Exception {
    LogStream stream = new LogStream(sink, 1 << 20);
    stream.onMessage(message(Stream.STDOUT, "t1", "kept\n"));
    stream.onEnd();
    stream.finish(Duration.ofSeconds(5), NO_STREAM, NOTHING_MISSED);

    stream.onMessage(message(Stream.STDOUT, "t2", "late\n"));

    assertThat(sink.output(Stream.STDOUT)).isEqualTo("kept\n");
  }

  @Test
  void aFailingLogReadKeepsWhatWasFollowed() throws Exception {
    LogStream stream = new LogStream(sink, 1 << 20);
    stream.onMessage(message(Stream.STDOUT, "t1", "followed"));
    stream.onEnd();

    stream.finish(Duration.ofSeconds(5), NO_STREAM, lastSeen -> {
      throw new IllegalStateException("engine gone");
    });

    assertThat(sink.output(Stream.STDOUT)).isEqualTo("followed");
  }

  @Test
  void theTruncationMarkerStartsOnALineOfItsOwn() throws Exception {
    LogStream stream = new LogStream(sink, 10);
    stream.onMessage(message(Stream.STDOUT, "t1", "12345\n"));
    stream.onMessage(message(Stream.STDOUT, "t2", "678\nthis does not fit"));
    stream.onEnd();
    stream.finish(Duration.ofSeconds(5), NO_STREAM, NOTHING_MISSED);

    assertThat(sink.output(Stream.STDOUT)).isEqualTo("12345\n678\n" + LogStream.TRUNCATED + "\n");
  }

  @Test
  void theLastLinesOfAFailedRunComeFromBothStreamsWithoutLineEnds() throws Exception {
    LogStream stream = new LogStream(sink, 1 << 20);
    stream.onMessage(message(Stream.STDOUT, "t1", "1\n2\r\n3\n4\n"));
    stream.onMessage(message(Stream.STDERR, "t2", "5\n6\nbroke"));
    stream.onEnd();
    stream.finish(Duration.ofSeconds(5), NO_STREAM, NOTHING_MISSED);

    assertThat(stream.lastLines()).isEqualTo("3\n4\n5\n6\nbroke");
  }

  @Test
  void aWindowThatDoesNotReachTheLastMessageSeenAsksForMore() {
    List<LogMessage> window = List.of(message(Stream.STDOUT, "t5", "x"), message(Stream.STDOUT, "t6", "y"));
    LogMessage seen = message(Stream.STDOUT, "t4", "w");

    assertThat(LogTail.after(window, seen, false)).isNull();
    assertThat(LogTail.after(window, seen, true)).isEmpty();
    assertThat(LogTail.after(window, null, false)).isNull();
    assertThat(LogTail.after(window, null, true)).isEqualTo(window);
    assertThat(LogTail.after(window, message(Stream.STDOUT, "t5", "x"), false)).containsExactly(window.get(1));
  }

  @Test
  void aFrameIsItsTimestampASpaceAndTheBytes() {
    LogMessage message = LogMessage.of(Stream.STDOUT, "2026-12-01T21:39:25.616220062Z  two spaces\n".getBytes(StandardCharsets.UTF_8));

    assertThat(message.timestamp()).isEqualTo("2026-12-01T21:39:25.616220062Z");
    assertThat(new String(message.bytes(), StandardCharsets.UTF_8)).isEqualTo(" two spaces\n");
  }

  @Test
  void aFrameWithoutTimestampIsAllPayload() {
    LogMessage message = LogMessage.of(Stream.STDERR, "no-stamp".getBytes(StandardCharsets.UTF_8));

    assertThat(message.stream()).isEqualTo(Stream.STDERR);
    assertThat(message.timestamp()).isEmpty();
    assertThat(new String(message.bytes(), StandardCharsets.UTF_8)).isEqualTo("no-stamp");
  }

  private static LogMessage message(Stream stream, String timestamp, String text) {
    return new LogMessage(stream, timestamp, text.getBytes(StandardCharsets.UTF_8));
  }
}
