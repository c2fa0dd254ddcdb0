package dev.gantry.docker;

import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.spi.LogSink;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A LogSink that keeps everything written: as each stream's output, and as lines (split at each
 * newline, in the order they were completed). Opens a latch when a given line is completed.
 */
final class RecordingSink implements LogSink {

  record Line(Stream stream, String text) {}

  private final Map<Stream, StringBuilder> output = new EnumMap<>(Stream.class);
  private final Map<Stream, StringBuilder> openLine = new EnumMap<>(Stream.class);
  private final List<Line> lines = new ArrayList<>();
  private final String awaited;
  final CountDownLatch arrived = new CountDownLatch(1);

  RecordingSink() {
    this(null);
  }

  /** Opens {@link #arrived} when the line {@code awaited} is printed. */
  RecordingSink(String awaited) {
    this.awaited = awaited;
  }

  @Override
  public synchronized void write(Stream stream, String text) {
    output.computeIfAbsent(stream, s -> new StringBuilder()).append(text);
    StringBuilder open = openLine.computeIfAbsent(stream, s -> new StringBuilder());
    for (char c : text.toCharArray()) {
      if (c == '\n') {
        complete(stream, open);
      } else {
        open.append(c);
      }
    }
  }

  private void complete(Stream stream, StringBuilder open) {
    String line = open.toString();
    open.setLength(0);
    lines.add(new Line(stream, line));
    if (line.equals(awaited)) {
      arrived.countDown();
    }
  }

  /** Everything written to {@code stream}, as written. */
  synchronized String output(Stream stream) {
    StringBuilder all = output.get(stream);
    return all == null ? "" : all.toString();
  }

  /** The lines, then each stream's last line if it had no newline. */
  synchronized List<Line> lines() {
    List<Line> all = new ArrayList<>(lines);
    openLine.forEach((stream, open) -> {
      if (!open.isEmpty()) {
        all.add(new Line(stream, open.toString()));
      }
    });
    return all;
  }

  synchronized List<String> texts() {
    return lines().stream().map(Line::text).toList();
  }
}
