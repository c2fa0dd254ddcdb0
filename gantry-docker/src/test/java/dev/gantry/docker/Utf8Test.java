package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Undecodable bytes read as Docker's json-file log shows them: one U+FFFD per byte (and for NUL). */
class Utf8Test {

  @Test
  void validTextDecodesAsItIs() {
    byte[] text = "plain, café € 😀\r\n".getBytes(StandardCharsets.UTF_8);

    assertThat(Utf8.decode(text, 0, text.length)).isEqualTo("plain, café € 😀\r\n");
  }

  @Test
  void eachByteOutsideAValidSequenceIsOneReplacementCharacter() {
    // The engine logged exactly these for: E2 82 'A' FF | ED A0 80 | C0 80 | F0 9F 98 (at the end).
    assertThat(decode(0xE2, 0x82, 'A', 0xFF)).isEqualTo("\uFFFD\uFFFDA\uFFFD");
    assertThat(decode(0xED, 0xA0, 0x80)).isEqualTo("\uFFFD\uFFFD\uFFFD"); // a surrogate
    assertThat(decode(0xC0, 0x80)).isEqualTo("\uFFFD\uFFFD"); // an overlong form
    assertThat(decode(0xF0, 0x9F, 0x98)).isEqualTo("\uFFFD\uFFFD\uFFFD"); // cut short by the end
    assertThat(decode('a', 0xC3, 0xA9, 0xF4, 0x90, 0x80, 0x80, 'b')).isEqualTo("aé\uFFFD\uFFFD\uFFFD\uFFFDb"); // above U+10FFFF
  }

  @Test
  void nulWhichPostgresqlTextCannotHoldIsAReplacementCharacterToo() {
    assertThat(decode('a', 0, 'b')).isEqualTo("a\uFFFDb");
    assertThat(decode(0, 0xFF)).isEqualTo("\uFFFD\uFFFD");
  }

  @Test
  void aPieceEndsBeforeASequenceThatIsNotCompleteYet() {
    byte[] bytes = bytes('a', 'b', 0xF0, 0x9F, 0x98);

    assertThat(Utf8.completeEnd(bytes, 5)).isEqualTo(2);
    assertThat(Utf8.completeEnd(bytes, 3)).isEqualTo(2);
    assertThat(Utf8.completeEnd(bytes, 2)).isEqualTo(2);
  }

  @Test
  void bytesThatCanNeverBecomeValidDoNotHoldAPieceBack() {
    assertThat(Utf8.completeEnd(bytes('a', 0xFF), 2)).isEqualTo(2);
    assertThat(Utf8.completeEnd(bytes('a', 0xE0, 0x80), 3)).isEqualTo(3); // E0 80 is an overlong start
    assertThat(Utf8.completeEnd(bytes('a', 0xC3, 0xA9), 3)).isEqualTo(3); // complete
  }

  private static String decode(int... values) {
    byte[] bytes = bytes(values);
    return Utf8.decode(bytes, 0, bytes.length);
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
