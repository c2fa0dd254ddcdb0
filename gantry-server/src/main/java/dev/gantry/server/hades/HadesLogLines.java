package dev.gantry.server.hades;

import dev.gantry.core.job.LogPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A log part as Hades' log manager shows it: one entry per line, each with the time (that of
 * the part's first line: Gantry keeps time per part, at most a tenth of a second apart) and the
 * stream it came from.
 */
record HadesLogLines(String timestamp, String outputStream, List<String> messages) {

  static HadesLogLines of(LogPart part) {
    String contents = part.contents();
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int end = contents.indexOf('\n'); end >= 0; end = contents.indexOf('\n', start)) {
      lines.add(contents.substring(start, end));
      start = end + 1;
    }
    if (start < contents.length()) {
      lines.add(contents.substring(start));
    }
    return new HadesLogLines(part.createdAt().toString(), part.stream().name().toLowerCase(Locale.ROOT), lines);
  }
}
