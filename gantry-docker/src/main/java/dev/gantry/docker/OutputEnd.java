package dev.gantry.docker;

import java.util.Arrays;
import java.util.List;

/** The end of a run's output, both streams as they came: the last lines for a failed run's error. */
final class OutputEnd {

  private static final int LAST_LINES = 5;
  private static final int LAST_LINES_CHARS = 1000;
  /** Enough for the last lines however the output was cut into pieces. */
  private static final int KEPT_CHARS = 2 * LAST_LINES_CHARS;

  private final StringBuilder kept = new StringBuilder();

  void add(String text) {
    if (text.length() >= KEPT_CHARS) {
      kept.setLength(0);
      kept.append(text, text.length() - KEPT_CHARS, text.length());
    } else {
      kept.append(text);
      if (kept.length() > 2 * KEPT_CHARS) {
        kept.delete(0, kept.length() - KEPT_CHARS);
      }
    }
  }

  /** The last lines, oldest first, joined by newlines (a line's CR dropped); its end when too long. */
  String lastLines() {
    String text = kept.toString().replace("\r\n", "\n");
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    List<String> lines = Arrays.asList(text.split("\n", -1));
    String last = String.join("\n", lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size()));
    return last.length() <= LAST_LINES_CHARS ? last : "..." + last.substring(last.length() - LAST_LINES_CHARS);
  }
}
