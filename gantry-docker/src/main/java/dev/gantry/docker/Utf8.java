package dev.gantry.docker;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Output bytes as text, the way Docker's own log shows them: each byte that is not part of a valid
 * UTF-8 sequence becomes one U+FFFD (the engine's json-file log driver stores it so, and Go
 * decodes so), not one per malformed sequence as Java's decoder would. NUL becomes U+FFFD too:
 * PostgreSQL's text cannot hold it, and a log must read back the same from every store.
 */
final class Utf8 {

  private static final char REPLACEMENT = '\uFFFD';
  /** {@link #sequence}: the bytes start a valid sequence that the data ends before it is complete. */
  private static final int CUT_SHORT = -1;

  private Utf8() {}

  static String decode(byte[] bytes, int offset, int length) {
    CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      String text = strict.decode(ByteBuffer.wrap(bytes, offset, length)).toString(); // the common case: valid text
      return text.indexOf('\0') < 0 ? text : text.replace('\0', REPLACEMENT);
    } catch (CharacterCodingException malformed) {
      return decodeByByte(bytes, offset, offset + length);
    }
  }

  /**
   * Where a sequence starts that the first {@code length} bytes end before it is complete, so that
   * text cut there decodes the same as whole; {@code length} when they end on a boundary.
   */
  static int completeEnd(byte[] bytes, int length) {
    for (int at = length - 1; at >= Math.max(0, length - 3); at--) {
      if (sequence(bytes, at, length) == CUT_SHORT) {
        return at;
      }
    }
    return length;
  }

  private static String decodeByByte(byte[] bytes, int from, int end) {
    StringBuilder text = new StringBuilder(end - from);
    int at = from;
    while (at < end) {
      int length = sequence(bytes, at, end);
      if (length <= 0) {
        text.append(REPLACEMENT);
        at++;
      } else {
        text.append(new String(bytes, at, length, StandardCharsets.UTF_8));
        at += length;
      }
    }
    return text.toString();
  }

  /**
   * The length of the valid sequence at {@code at} (RFC 3629: no overlong forms, surrogates or code
   * points above U+10FFFF; and not NUL); 0 when the bytes there are not one; {@link #CUT_SHORT} when
   * {@code end} comes before a valid start is complete.
   */
  private static int sequence(byte[] bytes, int at, int end) {
    int lead = bytes[at] & 0xff;
    int length;
    int secondMin = 0x80;
    int secondMax = 0xBF;
    if (lead == 0) {
      return 0;
    } else if (lead < 0x80) {
      return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      secondMin = lead == 0xE0 ? 0xA0 : 0x80;
      secondMax = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      secondMin = lead == 0xF0 ? 0x90 : 0x80;
      secondMax = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      return 0;
    }
    for (int i = 1; i < length; i++) {
      if (at + i >= end) {
        return CUT_SHORT;
      }
      int b = bytes[at + i] & 0xff;
      boolean fits = i == 1 ? b >= secondMin && b <= secondMax : b >= 0x80 && b <= 0xBF;
      if (!fits) {
        return 0;
      }
    }
    return length;
  }
}
