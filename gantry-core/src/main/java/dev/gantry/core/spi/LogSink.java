package dev.gantry.core.spi;

import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.job.LogPosition;

/**
 * Receives a task's output as it was printed, in order: the texts handed to {@link #write} for a
 * stream, concatenated, are that stream's output, line ends (LF, CRLF, a lone CR) included and no
 * line end added, so a last line without a newline stays without one.
 */
@FunctionalInterface
public interface LogSink {

  /** A piece of one stream's output: usually a whole line with its line end, else a part of one. */
  void write(Stream stream, String text);

  /**
   * Stores what it holds and says how much of each stream is stored: called between two containers
   * of a run, so that the next one knows where its output begins. Null from a sink that does not store.
   */
  default LogPosition mark() {
    return null;
  }

  /** One whole line; its newline is added. */
  default void line(Stream stream, String line) {
    write(stream, line + "\n");
  }
}
