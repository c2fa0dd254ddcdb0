package dev.gantry.core.spec;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as Go (and so Tork) writes them: {@code 300ms}, {@code 45m}, {@code 1h30m}, {@code 1.5s}. */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  public static Duration parse(String text) {
    String s = text.trim();
    Matcher m = PART.matcher(s);
    double nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double value = Double.parseDouble(m.group(1));
      nanos += value * switch (m.group(2)) {
        case "ns" -> 1d;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      end = m.end();
    }
    if (s.isEmpty() || end != s.length()) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "': use a number with a unit ms, s, m or h (e.g. 300ms, 45m, 1h30m)");
    }
    if (nanos > 365d * 24 * 3600e9) {
      throw new IllegalArgumentException("duration '" + text + "' is longer than a year");
    }
    return Duration.ofNanos((long) nanos);
  }

  /** Formats a duration the way it would be written in a job: {@code 5s}, {@code 1m30s}, {@code 300ms}. */
  public static String format(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    StringBuilder out = new StringBuilder();
    long h = d.toHours();
    int m = d.toMinutesPart();
    int s = d.toSecondsPart();
    int ms = d.toMillisPart();
    if (h > 0) out.append(h).append('h');
    if (m > 0) out.append(m).append('m');
    if (s > 0 || ms > 0) out.append(ms > 0 ? String.format("%d.%03ds", s, ms) : s + "s");
    return out.toString();
  }
}
