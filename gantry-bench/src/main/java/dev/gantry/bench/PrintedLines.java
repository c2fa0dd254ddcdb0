package dev.gantry.bench;

import java.time.Instant;

/**
 * The output the log figure runs: 100 MiB of 100-byte lines, and lines stamped with the time they
 * were printed (busybox's {@code date} has no sub-second field; {@code adjtimex} reads the same
 * kernel clock the bench does, in microseconds, or in nanoseconds where the kernel's clock is in
 * nano mode: STA_NANO, 8192, in its status, as on these machines; read as microseconds those made
 * every stamp lie in the future, each counted as 0 ms until this was found).
 */
final class PrintedLines {

  static final int BULK_LINES = 1 << 20;
  static final int BULK_LINE_BYTES = 100;
  static final long BULK_BYTES = (long) BULK_LINES * BULK_LINE_BYTES;
  static final String BULK_SCRIPT = "yes " + "x".repeat(BULK_LINE_BYTES - 1) + " | head -n " + BULK_LINES;

  static final int STAMPED_LINES = 200;
  static final int STAMP_EVERY_MS = 50;
  static final String STAMPED_SCRIPT = "i=0; while [ $i -lt " + STAMPED_LINES + " ]; do"
      + " adjtimex | awk '/status/{st=$2} /tv_sec/{s=$2} /tv_usec/{u=$2}"
      + " END{if (int(st/8192)%2==1) u=int(u/1000); printf \"stamp %d%06d\\n\", s, u}';"
      + " usleep " + STAMP_EVERY_MS * 1000 + "; i=$((i+1)); done";

  private PrintedLines() {}

  /** Adds to {@code latencies} how long ago each stamped line in {@code text} was printed. */
  static void stampLatencies(String text, Latencies latencies) {
    Instant now = Instant.now();
    long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    for (String line : text.split("\n")) {
      if (line.startsWith("stamp ")) {
        long printed = Long.parseLong(line.substring(6).trim());
        if (printed > nowMicros + 1_000_000) {
          throw new IllegalStateException("a line stamped " + (printed - nowMicros) / 1000 + " ms in the future: '" + line
              + "' (the stamp is not read as the kernel wrote it)");
        }
        latencies.add(Math.max(0, nowMicros - printed) * 1_000);
      }
    }
  }

  /** Counts bytes of text as the container printed them, newlines included. */
  static long bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
