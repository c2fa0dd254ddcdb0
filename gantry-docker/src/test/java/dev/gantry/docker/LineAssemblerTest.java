package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineAssemblerTest {

  private final List<String> lines = new ArrayList<>();
  private final LineAssembler assembler = new LineAssembler(1024, lines::add);

  @Test
  void aLineSplitAcrossFramesArrivesWhole() {
    feed("hel", "lo wor", "ld\n");

    assertThat(lines).containsExactly("hello world\n");
  }

  @Test
  void severalLinesInOneFrameArriveOneByOne() {
    feed("one\ntwo\nthree\n");

    assertThat(lines).containsExactly("one\n", "two\n", "three\n");
  }

  @Test
  void aLineIsHandedOnAsSoonAsItsNewlineArrives() {
    feed("first\nsec");
    assertThat(lines).containsExactly("first\n");

    feed("ond\n");
    assertThat(lines).containsExactly("first\n", "second\n");
  }

  @Test
  void aLastLineWithoutNewlineIsHandedOnAtTheEndWithoutOne() {
    feed("done\nno newline");
    assertThat(lines).containsExactly("done\n");

    assembler.finish();

    assertThat(lines).containsExactly("done\n", "no newline");
  }

  @Test
  void finishAfterACompleteLineAddsNothing() {
    feed("only\n");
    assembler.finish();

    assertThat(lines).containsExactly("only\n");
  }

  @Test
  void crlfEndsALineAndIsKept() {
    feed("windows\r\nstyle\r", "\n");

    assertThat(lines).containsExactly("windows\r\n", "style\r\n");
  }

  @Test
  void aLoneCarriageReturnDoesNotEndALine() {
    feed("10%\r50%\r100%\n", "\rlast\r");
    assembler.finish();

    assertThat(lines).containsExactly("10%\r50%\r100%\n", "\rlast\r");
  }

  @Test
  void emptyLinesAreKept() {
    feed("a\n\n\nb\n");

    assertThat(lines).containsExactly("a\n", "\n", "\n", "b\n");
  }

  @Test
  void aCharacterSplitAcrossFramesDecodesWhole() {
    byte[] euro = "€ ok\n".getBytes(StandardCharsets.UTF_8);
    assembler.accept(Arrays.copyOfRange(euro, 0, 1));
    assembler.accept(Arrays.copyOfRange(euro, 1, 2));
    assembler.accept(Arrays.copyOfRange(euro, 2, euro.length));

    assertThat(lines).containsExactly("€ ok\n");
  }

  @Test
  void anOverlongLineIsHandedOnInPiecesCutBetweenCharacters() {
    LineAssembler small = new LineAssembler(8, lines::add);
    // 6 ASCII bytes then a 3-byte character: the piece may not end inside it.
    small.accept("abcdef€gh\n".getBytes(StandardCharsets.UTF_8));

    assertThat(lines).containsExactly("abcdef", "€gh\n");
    assertThat(String.join("", lines)).isEqualTo("abcdef€gh\n");
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
  void aLineOfExactlyTheLimitKeepsItsNewlineAndAddsNoEmptyPiece() {
    LineAssembler small = new LineAssembler(8, lines::add);
    small.accept("12345678\n".getBytes(StandardCharsets.UTF_8));
    small.finish();

    assertThat(String.join("", lines)).isEqualTo("12345678\n");
    assertThat(lines).doesNotContain("");
  }

  @Test
  void theConcatenationIsTheStreamWhateverTheFramesAndTheLimit() {
    Random random = new Random(17);
    for (int round = 0; round < 200; round++) {
      lines.clear();
      LineAssembler small = new LineAssembler(4 + random.nextInt(40), lines::add);
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      for (int i = random.nextInt(60); i > 0; i--) {
        if (random.nextInt(7) == 0) {
          printed.write(1 + random.nextInt(255)); // any byte: valid UTF-8 or not
        } else {
          printed.writeBytes((switch (random.nextInt(5)) {
            case 0 -> "\n";
            case 1 -> "\r";
            case 2 -> "é€";
            case 3 -> "\uD83D\uDE00";
            default -> "abc";
          }).getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] bytes = printed.toByteArray();
      for (int at = 0; at < bytes.length; ) {
        int end = Math.min(bytes.length, at + 1 + random.nextInt(10));
        small.accept(Arrays.copyOfRange(bytes, at, end));
        at = end;
      }
      small.finish();

      assertThat(String.join("", lines)).as("round %d", round).isEqualTo(Utf8.decode(bytes, 0, bytes.length));
    }
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
