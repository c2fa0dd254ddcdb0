package dev.gantry.core.spec;

/** How much of a caller's text an error message repeats: the first 64 characters, then "...". */
public final class Echo {

  static final int MAX_CHARS = 64;

  private Echo() {}

  public static String of(String text) {
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "..." : text;
  }
}
