package dev.gantry.core.schedule;

import java.util.List;
import java.util.Locale;

/** One field of a cron expression: its range, and how its text becomes the set of values it matches. */
enum CronField {
  MINUTE("minute", 0, 59),
  HOUR("hour", 0, 23),
  DAY_OF_MONTH("day-of-month", 1, 31),
  MONTH("month", 1, 12),
  DAY_OF_WEEK("day-of-week", 0, 7);

  private final String label;
  private final int min;
  private final int max;

  CronField(String label, int min, int max) {
    this.label = label;
    this.min = min;
    this.max = max;
  }

  /** The values {@code text} matches, as bits; {@code names} (or null) are the field's names from its first value on. */
  long parse(String text, List<String> names) {
    long mask = 0;
    for (String part : text.split(",", -1)) {
      mask |= parsePart(part, names, text);
    }
    return mask;
  }

  private long parsePart(String part, List<String> names, String whole) {
    String range = part;
    int step = 1;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      range = part.substring(0, slash);
      step = number(part.substring(slash + 1), null, whole, "step");
      if (step < 1) {
        throw invalid(whole, "a step must be at least 1");
      }
    }
    int from;
    int to;
    if (range.equals("*")) {
      from = min;
      to = this == DAY_OF_WEEK ? 6 : max;
    } else {
      int dash = range.indexOf('-');
      from = number(dash >= 0 ? range.substring(0, dash) : range, names, whole, "value");
      to = dash >= 0 ? number(range.substring(dash + 1), names, whole, "value") : (slash >= 0 ? max : from);
      if (from > to) {
        throw invalid(whole, "the range " + range + " runs backwards");
      }
    }
    long mask = 0;
    for (int v = from; v <= to; v += step) {
      mask |= 1L << v;
    }
    return mask;
  }

  private int number(String text, List<String> names, String whole, String what) {
    if (names != null) {
      int index = names.indexOf(text.toUpperCase(Locale.ROOT));
      if (index >= 0) {
        return index + (this == MONTH ? 1 : 0);
      }
    }
    if (!text.matches("\\d{1,2}")) {
      throw invalid(whole, "'" + Cron.shown(text) + "' is not a " + what
          + (names == null || what.equals("step") ? "" : " (a number or a name such as " + names.get(0) + ")"));
    }
    int value = Integer.parseInt(text);
    if (what.equals("value") && (value < min || value > max)) {
      throw invalid(whole, value + " is outside " + min + "-" + max);
    }
    return value;
  }

  private InvalidCronException invalid(String whole, String reason) {
    return new InvalidCronException(label + " field '" + Cron.shown(whole) + "': " + reason);
  }
}
