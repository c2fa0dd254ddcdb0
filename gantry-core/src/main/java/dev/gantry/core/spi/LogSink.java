package dev.gantry.core.spi;

import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.job.LogPosition;

/**
 * Receives a task's output as it was printed, in order: the texts handed to {@link #write} for a
 * stream, concatenated, are that stream's output, line ends (LF, CRLF, a lone CR) included and no
 * line end added, so a last line without a newline stays without one. The runtime also says when
 * a container of the task started ({@link #containerStarted}): the output may come from then on.
 */
@FunctionalInterface
public interface LogSink {

  /** A piece of one stream's output: usually a whole line with its line end, else a part of one. */
  void write(Stream stream, String text);

  /**
   * A container of the task has started (its image pulled, the container created and started);
   * called for each container of a run (a pre or post task's too), before its output. Must return
   * quickly and never throw.
   */
  default void containerStarted() {}

  /**
   * Stores what it holds and says how much of each stream is stored: called between two containers
   * of a run, so that the next one knows where its output begins. Null from a sink that does not store.
   */
  default LogPosition mark() {
    return null;
  }

  /**
   * The task reported its progress (0 to 100, written to Tork's {@code $TORK_PROGRESS}) while it
   * runs; called when the value changed. Must return quickly and never throw.
   */
  default void progressReported(double percent) {}

  /** One whole line; its newline is added. */
  default void line(Stream stream, String line) {
    write(stream, line + "\n");
  }
}
