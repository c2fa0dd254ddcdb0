package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineAssemblerTest {

  private final List<String> lines = new ArrayList<>();
  private final LineAssembler assembler = new LineAssembler(1024, lines::add);

  @Test
  void aLineSplitAcrossFramesArrivesWhole() {
    feed("hel", "lo wor", "ld\n");

    assertThat(lines).containsExactly("hello world");
  }

  @Test
  void severalLinesInOneFrameArriveOneByOne() {
    feed("one\ntwo\nthree\n");

    assertThat(lines).containsExactly("one", "two", "three");
  }

  @Test
  void aLineIsHandedOnAsSoonAsItsNewlineArrives() {
    feed("first\nsec");
    assertThat(lines).containsExactly("first");

    feed("ond\n");
    assertThat(lines).containsExactly("first", "second");
  }

  @Test
  void aLastLineWithoutNewlineIsFlushedAtTheEnd() {
    feed("done\nno newline");
    assertThat(lines).containsExactly("done");

    assembler.finish();

    assertThat(lines).containsExactly("done", "no newline");
  }

  @Test
  void finishAfterACompleteLineAddsNothing() {
    feed("only\n");
    assembler.finish();

    assertThat(lines).containsExactly("only");
  }

  @Test
  void crlfEndsALineWithoutTheCarriageReturn() {
    feed("windows\r\nstyle\r", "\n");

    assertThat(lines).containsExactly("windows", "style");
  }

  @Test
  void emptyLinesAreKept() {
    feed("a\n\n\nb\n");

    assertThat(lines).containsExactly("a", "", "", "b");
  }

  @Test
  void aCharacterSplitAcrossFramesDecodesWhole() {
    byte[] euro = "€ ok\n".getBytes(StandardCharsets.UTF_8);
    assembler.accept(Arrays.copyOfRange(euro, 0, 1));
    assembler.accept(Arrays.copyOfRange(euro, 1, 2));
    assembler.accept(Arrays.copyOfRange(euro, 2, euro.length));

    assertThat(lines).containsExactly("€ ok");
  }

  @Test
  void anOverlongLineIsHandedOnInPiecesCutBetweenCharacters() {
    LineAssembler small = new LineAssembler(8, lines::add);
    // 6 ASCII bytes then a 3-byte character: the piece may not end inside it.
    small.accept("abcdef€gh\n".getBytes(StandardCharsets.UTF_8));

    assertThat(lines).containsExactly("abcdef", "€gh");
    assertThat(String.join("", lines)).isEqualTo("abcdef€gh");
  }

  @Test
  void anEndlessLineNeverHoldsMoreThanTheLimit() {
    LineAssembler small = new LineAssembler(16, lines::add);
    byte[] chunk = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
    small.accept(chunk);
    small.finish();

    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(16));
    assertThat(String.join("", lines)).hasSize(100);
  }

  @Test
  void aLimitTooSmallForOneCharacterIsRefused() {
    assertThatThrownBy(() -> new LineAssembler(3, lines::add)).isInstanceOf(IllegalArgumentException.class);
  }

  private void feed(String... frames) {
    for (String frame : frames) {
      assembler.accept(frame.getBytes(StandardCharsets.UTF_8));
    }
  }
}
