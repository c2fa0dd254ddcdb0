package dev.gantry.docker;

import dev.gantry.core.job.LogPart.Stream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One message of a container's log as the engine keeps it (a line, or a piece of one), read with
 * timestamps: a frame's payload is {@code <RFC 3339 time> <bytes>}. The engine's nanosecond time
 * tells one message from the next, so a second read of the log can be lined up with the first.
 */
record LogMessage(Stream stream, String timestamp, byte[] bytes) {

  /** The message a frame of a timestamped log read carries: the time, a space, the bytes. */
  static LogMessage of(Stream stream, byte[] payload) {
    int space = indexOfSpace(payload);
    if (space < 0) {
      return new LogMessage(stream, "", payload); // not a timestamped frame: nothing to tell it by
    }
    return new LogMessage(stream, new String(payload, 0, space, StandardCharsets.US_ASCII),
        Arrays.copyOfRange(payload, space + 1, payload.length));
  }

  /** The same message of the same log: stream, time and bytes all equal. */
  boolean sameAs(LogMessage other) {
    return other != null && stream == other.stream && timestamp.equals(other.timestamp) && Arrays.equals(bytes, other.bytes);
  }

  /** The timestamp ends at the first space; it is ASCII and never longer than this. */
  private static int indexOfSpace(byte[] payload) {
    for (int i = 0; i < Math.min(payload.length, 64); i++) {
      if (payload[i] == ' ') {
        return i;
      }
    }
    return -1;
  }
}
