package dev.gantry.core.engine;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.job.LogPosition;
import dev.gantry.core.job.Page;
import dev.gantry.core.spi.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the store holds of one run's log, per stream, as an earlier process of this node left it:
 * where a worker taking the run over goes on writing ({@link #lastNumber}) and what of a
 * container's output it must not store twice ({@link #after}).
 */
record StoredRunLog(int lastNumber, String stdout, String stderr) {

  static final StoredRunLog EMPTY = new StoredRunLog(0, "", "");
  private static final int PAGE = 500;

  static StoredRunLog of(Store store, String runId) {
    List<LogPart> parts = new ArrayList<>();
    for (int page = 1; ; page++) {
      Page<LogPart> next = store.runLog(runId, page, PAGE);
      parts.addAll(next.items());
      if (next.items().size() < PAGE) {
        break;
      }
    }
    parts.sort(Comparator.comparingInt(LogPart::number));
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int last = 0;
    for (LogPart part : parts) {
      (part.stream() == Stream.STDOUT ? out : err).append(part.contents());
      last = Math.max(last, part.number());
    }
    return new StoredRunLog(last, out.toString(), err.toString());
  }

  LogPosition position() {
    return new LogPosition(stdout.length(), stderr.length());
  }

  /**
   * The stored text of {@code stream} from {@code start} on: what a container whose output began
   * there has already had stored. All of it from a container that did not record its start (made
   * before a restart could be taken over) is the best guess for a run's only container.
   */
  String after(Stream stream, LogPosition start) {
    String text = stream == Stream.STDOUT ? stdout : stderr;
    long from = start == null ? 0 : start.of(stream);
    return from >= text.length() ? "" : text.substring((int) from);
  }
}
