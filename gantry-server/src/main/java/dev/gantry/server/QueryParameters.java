package dev.gantry.server;

import io.javalin.http.Context;

/** Reads numeric query parameters strictly: a bad value is a 400 naming the parameter and its range. */
public final class QueryParameters {

  private QueryParameters() {}

  /** The parameter as an int in {@code [min, max]}; {@code fallback} when absent or empty. */
  public static int integer(Context ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    String value = raw.trim();
    if (value.matches("[+-]?\\d{1,10}")) {
      long parsed = Long.parseLong(value);
      if (parsed >= min && parsed <= max) {
        return (int) parsed;
      }
    }
    String shown = value.length() > 20 ? value.substring(0, 20) + "..." : value;
    throw new RequestRejectedException(400,
        "query parameter '" + name + "' must be a whole number from " + min + " to " + max + ", not '" + shown + "'");
  }
}
