package dev.gantry.cli;

/**
 * Makes text that came from a job or a server safe to print: control characters are shown as
 * escapes ({@code \r}, {@code \e}, {@code \x07}...), so a name or a log line cannot fake rows,
 * move the cursor or clear the screen. Every printer of the CLI goes through here.
 */
final class Terminal {

  /** Where the width is not known (COLUMNS is not set): what nearly every terminal has at least. */
  static final int DEFAULT_WIDTH = 80;

  private Terminal() {}

  /**
   * Whether output goes to a person at a terminal, who gets the live view (cursor moves redraw
   * it in place): this process has a console (stdin and stdout both a terminal) and
   * {@code TERM} is not {@code dumb}. Piped or redirected output gets plain lines.
   */
  static boolean interactive() {
    return interactive(System.console() != null, System.getenv("TERM"));
  }

  static boolean interactive(boolean console, String term) {
    return console && term != null && !term.isBlank() && !term.equals("dumb");
  }

  /** The terminal's width from {@code COLUMNS}, else {@link #DEFAULT_WIDTH}. */
  static int width(String columns) {
    try {
      int width = columns == null ? 0 : Integer.parseInt(columns.strip());
      return width >= 20 && width <= 1000 ? width : DEFAULT_WIDTH;
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  /** One line: every control character escaped, newlines too. */
  static String line(String text) {
    return escape(text, false);
  }

  /** Log output: lines stay lines (and tabs tabs); every other control character is escaped. */
  static String output(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean keepLines) {
    StringBuilder safe = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean kept = !isControl(c) || (keepLines && (c == '\n' || c == '\t'));
      if (kept && safe == null) {
        continue;
      }
      if (safe == null) {
        safe = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (kept) {
        safe.append(c);
      } else {
        safe.append(switch (c) {
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          case '\u001b' -> "\\e";
          default -> String.format(c < 0x100 ? "\\x%02x" : "\\u%04x", (int) c);
        });
      }
    }
    return safe == null ? text : safe.toString();
  }

  /** C0 and C1 controls and DEL, plus the Unicode line and paragraph separators and bidi overrides. */
  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }
}
