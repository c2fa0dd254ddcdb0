package dev.gantry.server.hades;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.LogPart.Stream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HadesLineJoinerTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private final List<String> messages = new ArrayList<>();
  private final HadesLineJoiner joiner = new HadesLineJoiner(
      (timestamp, message, stream) -> messages.add(timestamp.substring(17) + " " + stream + " " + message));
  private int number;

  @Test
  void aLinePrintedInPiecesIsOneMessageWithTheTimeOfItsFirstPiece() throws IOException {
    add(Stream.STDOUT, "a", 1);
    add(Stream.STDOUT, "b\nc\n", 2);
    add(Stream.STDOUT, "d", 3);
    joiner.finish();

    assertThat(messages).containsExactly("01Z stdout ab", "02Z stdout c", "03Z stdout d");
  }

  @Test
  void anotherStreamEndsTheOpenLine() throws IOException {
    add(Stream.STDOUT, "progress 50%", 1);
    add(Stream.STDERR, "warning\n", 2);
    add(Stream.STDOUT, " done\n", 3);
    joiner.finish();

    assertThat(messages).containsExactly("01Z stdout progress 50%", "02Z stderr warning", "03Z stdout  done");
  }

  @Test
  void emptyLinesAreMessagesAndNothingOpenAddsNothing() throws IOException {
    add(Stream.STDOUT, "\n\nx\n", 1);
    joiner.finish();
    joiner.finish();

    assertThat(messages).containsExactly("01Z stdout ", "01Z stdout ", "01Z stdout x");
  }

  @Test
  void anEndlessLineIsCutIntoMessagesOfAtMostTheLimit() throws IOException {
    String piece = "x".repeat(HadesLineJoiner.MAX_MESSAGE_CHARS / 2);
    add(Stream.STDOUT, piece, 1);
    add(Stream.STDOUT, piece, 2);
    add(Stream.STDOUT, "y\n", 3);
    joiner.finish();

    assertThat(messages).hasSize(2);
    assertThat(messages.get(0)).isEqualTo("01Z stdout " + piece + piece);
    assertThat(messages.get(1)).isEqualTo("03Z stdout y");
  }

  private void add(Stream stream, String contents, int second) throws IOException {
    number++;
    joiner.add(new LogPart(number, "job", "run", number, stream, contents, T0.plusSeconds(second)));
  }
}
