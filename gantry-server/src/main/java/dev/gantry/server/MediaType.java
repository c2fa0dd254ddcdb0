package dev.gantry.server;

import java.util.Locale;

/**
 * A Content-Type header split into its type ({@code text/yaml}, lower case) and charset (null when
 * not given). Parameters other than charset are ignored.
 */
public record MediaType(String type, String charset) {

  /** Null when the header is missing or blank. */
  public static MediaType parse(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String[] parts = header.split(";");
    String charset = null;
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      int eq = param.indexOf('=');
      if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("charset")) {
        charset = unquoted(param.substring(eq + 1).trim()).toLowerCase(Locale.ROOT);
      }
    }
    return new MediaType(parts[0].trim().toLowerCase(Locale.ROOT), charset);
  }

  /** Whether a body of this type is UTF-8 (no charset means the dialect's default, which is UTF-8). */
  public boolean isUtf8() {
    return charset == null || charset.equals("utf-8") || charset.equals("utf8") || charset.equals("us-ascii");
  }

  private static String unquoted(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
  }
}
