package dev.gantry.core.job;

import dev.gantry.core.job.LogPart.Stream;

/**
 * How much of a run's output is in its stored log, per stream, in characters of the stored (masked)
 * text: where a container's own output begins in the run's log, so that a worker taking the
 * container over after a restart knows which of its output is stored already.
 */
public record LogPosition(long stdoutChars, long stderrChars) {

  public static final LogPosition START = new LogPosition(0, 0);

  public LogPosition {
    if (stdoutChars < 0 || stderrChars < 0) {
      throw new IllegalArgumentException("a log position is not negative: " + stdoutChars + "/" + stderrChars);
    }
  }

  public long of(Stream stream) {
    return stream == Stream.STDOUT ? stdoutChars : stderrChars;
  }
}
