package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.testing.InMemoryStore;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** What is stored is what was printed: no line end added, dropped or changed. */
class RunLogWriterTest {

  private final InMemoryStore store = new InMemoryStore();
  private final RunLogWriter writer = new RunLogWriter(store, new LocalSignals(), Clock.systemUTC(), "job", "run");

  @Test
  void textIsStoredAsWrittenWithoutAnAddedNewline() {
    writer.write(Stream.STDOUT, "a\r\n");
    writer.write(Stream.STDOUT, "progress\r");
    writer.write(Stream.STDOUT, "no newline");
    writer.flush();

    assertThat(contents(Stream.STDOUT)).isEqualTo("a\r\nprogress\rno newline");
  }

  @Test
  void aLineGivenWholeGetsItsNewline() {
    writer.line(Stream.STDERR, "whole");
    writer.flush();

    assertThat(contents(Stream.STDERR)).isEqualTo("whole\n");
  }

  @Test
  void aStreamSwitchStartsAPartAndKeepsTheOrder() {
    writer.write(Stream.STDOUT, "out ");
    writer.write(Stream.STDERR, "err");
    writer.write(Stream.STDOUT, "more\n");
    writer.flush();

    assertThat(parts()).extracting(LogPart::stream, LogPart::contents).containsExactly(
        Tuple.tuple(Stream.STDOUT, "out "),
        Tuple.tuple(Stream.STDERR, "err"),
        Tuple.tuple(Stream.STDOUT, "more\n"));
  }

  @Test
  void aLongPieceIsStoredWholeInContent() {
    String big = "y".repeat(3 * RunLogWriter.MAX_PART_CHARS + 17);
    writer.write(Stream.STDOUT, big);
    writer.write(Stream.STDOUT, "tail");
    writer.flush();

    assertThat(contents(Stream.STDOUT)).isEqualTo(big + "tail");
  }

  @Test
  void aSecretsValueIsMaskedAlsoWhenPrintedInPiecesAcrossFlushes() {
    RunLogWriter masking = new RunLogWriter(store, new LocalSignals(), Clock.systemUTC(), "job", "run",
        java.util.Map.of("token", "s3cr3t-value"));
    masking.write(Stream.STDOUT, "token is s3cr");
    masking.flush();
    assertThat(contents(Stream.STDOUT)).as("the start of a value waits for the rest").isEqualTo("token is ");
    masking.write(Stream.STDOUT, "3t-value, again s3cr3t-value\nand s3");
    masking.flush();
    masking.write(Stream.STDOUT, " alone");
    masking.flushAll();

    assertThat(contents(Stream.STDOUT)).isEqualTo("token is [REDACTED], again [REDACTED]\nand s3 alone");
  }

  private List<LogPart> parts() {
    return store.jobLog("job", 1, 100).items().stream().sorted(Comparator.comparingLong(LogPart::id)).toList();
  }

  private String contents(Stream stream) {
    StringBuilder all = new StringBuilder();
    parts().stream().filter(p -> p.stream() == stream).forEach(p -> all.append(p.contents()));
    return all.toString();
  }
}
