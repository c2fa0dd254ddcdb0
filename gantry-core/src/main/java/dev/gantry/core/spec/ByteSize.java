package dev.gantry.core.spec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes as Docker and Tork write them: {@code 512}, {@code 10m}, {@code 1g}, {@code 512M}, {@code 2GB}. */
public final class ByteSize {

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?");

  private ByteSize() {}

  /** The size in bytes, or an IllegalArgumentException naming what is wrong. */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid size '" + text + "': use a number with an optional unit b, k, m, g or t (e.g. 512m, 2g)");
    }
    double value = Double.parseDouble(m.group(1));
    long unit = switch (m.group(2)) {
      case "k" -> 1L << 10;
      case "m" -> 1L << 20;
      case "g" -> 1L << 30;
      case "t" -> 1L << 40;
      default -> 1L;
    };
    double bytes = value * unit;
    if (bytes >= Long.MAX_VALUE) {
      throw new IllegalArgumentException("size '" + text + "' is too large");
    }
    return (long) bytes;
  }
}
