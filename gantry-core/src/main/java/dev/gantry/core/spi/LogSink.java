package dev.gantry.core.spi;

/** Receives a task's output one line at a time, in the order it was printed. */
@FunctionalInterface
public interface LogSink {

  enum Stream { STDOUT, STDERR }

  void line(Stream stream, String line);
}
