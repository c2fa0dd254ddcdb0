package dev.gantry.core.spi;

import dev.gantry.core.job.LogPart.Stream;

/** Receives a task's output one line at a time, in the order it was printed. */
@FunctionalInterface
public interface LogSink {

  void line(Stream stream, String line);
}
