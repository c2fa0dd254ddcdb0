package dev.gantry.core.job;

import java.time.Instant;

/**
 * A chunk of a task run's output from one stream, as it was printed (line ends kept); {@code number}
 * orders a run's parts, {@code id} all parts of a job. {@code createdAt} is when its first byte came.
 */
public record LogPart(long id, String jobId, String runId, int number, Stream stream, String contents, Instant createdAt) {

  /** Which of the container's outputs the lines came from. */
  public enum Stream { STDOUT, STDERR }

  /** A part of standard output. */
  public LogPart(long id, String jobId, String runId, int number, String contents, Instant createdAt) {
    this(id, jobId, runId, number, Stream.STDOUT, contents, createdAt);
  }

  /** How many bytes {@code text} takes in UTF-8, as the container printed it: what output budgets and metrics count. */
  public static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
