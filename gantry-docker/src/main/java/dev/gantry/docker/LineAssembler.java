package dev.gantry.docker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Re-assembles one output stream into lines, each handed on with its line end as printed (LF, or
 * CRLF: nothing is dropped or added), so the pieces concatenated are the stream. Docker cuts a
 * stream into frames anywhere: a frame may end mid-line or mid-character, or hold several lines.
 * Bytes are kept until a newline, so a multi-byte character split across frames decodes whole. A
 * line longer than {@code maxLineBytes} is handed on in pieces (cut between characters), so one
 * endless line cannot fill the worker's heap; {@link #finish} hands on a last line that has no
 * newline, without one. Not thread-safe: one assembler per stream, fed by one thread.
 */
final class LineAssembler {

  private static final int INITIAL_CAPACITY = 256;
  private static final int KEEP_CAPACITY = 8 * 1024;

  private final int maxLineBytes;
  private final Consumer<String> pieces;
  private byte[] buffer = new byte[INITIAL_CAPACITY];
  private int length;

  LineAssembler(int maxLineBytes, Consumer<String> pieces) {
    if (maxLineBytes < 4) {
      throw new IllegalArgumentException("a line must hold at least one character (4 bytes), not " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.pieces = pieces;
  }

  void accept(byte[] bytes) {
    for (byte b : bytes) {
      append(b);
      if (b == '\n') {
        emitLine();
      } else if (length >= maxLineBytes) {
        emitPiece();
      }
    }
  }

  /** The stream ended: hands on a last line that had no newline, as it is. */
  void finish() {
    if (length > 0) {
      emitLine();
    }
  }

  private void append(byte b) {
    if (length == buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.min(maxLineBytes, buffer.length * 2));
    }
    buffer[length++] = b;
  }

  /** Hands on the buffer, its newline (if it ends in one) included. */
  private void emitLine() {
    pieces.accept(new String(buffer, 0, length, StandardCharsets.UTF_8));
    length = 0;
    if (buffer.length > KEEP_CAPACITY) {
      // One long line should not pin a large buffer for the rest of the run.
      buffer = new byte[INITIAL_CAPACITY];
    }
  }

  /** Hands on a full buffer up to its last complete character; the rest starts the next piece. */
  private void emitPiece() {
    int cut = completeCharactersEnd();
    pieces.accept(new String(buffer, 0, cut, StandardCharsets.UTF_8));
    System.arraycopy(buffer, cut, buffer, 0, length - cut);
    length -= cut;
  }

  private int completeCharactersEnd() {
    int lead = length - 1;
    while (lead > 0 && length - lead < 4 && isContinuation(buffer[lead])) {
      lead--;
    }
    int expected = sequenceLength(buffer[lead]);
    boolean complete = expected == 0 || lead + expected <= length;
    return complete || lead == 0 ? length : lead;
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /** Bytes in the UTF-8 sequence this lead byte starts; 0 when it is not a lead byte. */
  private static int sequenceLength(byte b) {
    if ((b & 0x80) == 0) {
      return 1;
    }
    if ((b & 0xE0) == 0xC0) {
      return 2;
    }
    if ((b & 0xF0) == 0xE0) {
      return 3;
    }
    if ((b & 0xF8) == 0xF0) {
      return 4;
    }
    return 0;
  }
}
