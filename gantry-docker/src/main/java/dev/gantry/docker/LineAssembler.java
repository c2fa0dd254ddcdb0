package dev.gantry.docker;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Re-assembles one output stream into lines, each handed on with its line end as printed (LF, or
 * CRLF: nothing is dropped or added), so the pieces concatenated are the stream. Docker cuts a
 * stream into frames anywhere: a frame may end mid-line or mid-character, or hold several lines.
 * Bytes are kept until a newline, so a multi-byte character split across frames decodes whole
 * (and bytes that are not UTF-8 as {@link Utf8} says). A line longer than {@code maxLineBytes} is
 * handed on in pieces (cut between characters), so one endless line cannot fill the worker's heap;
 * {@link #finish} hands on a last line that has no newline, without one. Not thread-safe: one
 * assembler per stream, fed by one thread.
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
    pieces.accept(Utf8.decode(buffer, 0, length));
    length = 0;
    if (buffer.length > KEEP_CAPACITY) {
      // One long line should not pin a large buffer for the rest of the run.
      buffer = new byte[INITIAL_CAPACITY];
    }
  }

  /** Hands on a full buffer up to its last complete character; the rest starts the next piece. */
  private void emitPiece() {
    int cut = Utf8.completeEnd(buffer, length); // at least 1: the limit is at least 4 bytes, a sequence at most 4
    pieces.accept(Utf8.decode(buffer, 0, cut));
    System.arraycopy(buffer, cut, buffer, 0, length - cut);
    length -= cut;
  }
}
