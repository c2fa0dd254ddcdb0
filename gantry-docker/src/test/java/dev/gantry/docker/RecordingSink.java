package dev.gantry.docker;

import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.spi.LogSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A LogSink that keeps every line and opens a latch when a given line arrives. */
final class RecordingSink implements LogSink {

  record Line(Stream stream, String text) {}

  private final List<Line> lines = new ArrayList<>();
  private final String awaited;
  final CountDownLatch arrived = new CountDownLatch(1);

  RecordingSink() {
    this(null);
  }

  /** Opens {@link #arrived} when {@code awaited} is printed. */
  RecordingSink(String awaited) {
    this.awaited = awaited;
  }

  @Override
  public synchronized void line(Stream stream, String line) {
    lines.add(new Line(stream, line));
    if (line.equals(awaited)) {
      arrived.countDown();
    }
  }

  synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  synchronized List<String> texts() {
    return lines.stream().map(Line::text).toList();
  }
}
