package dev.gantry.server.metrics;

import java.util.Locale;

/**
 * Which form of {@code GET /metrics} a request's Accept header asks for: OpenMetrics or the
 * Prometheus text format (as Prometheus' scraper asks, preferring OpenMetrics), else Tork's JSON.
 */
public enum ScrapeFormat {
  OPEN_METRICS("application/openmetrics-text; version=1.0.0; charset=utf-8"),
  PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
  JSON("application/json");

  private final String contentType;

  ScrapeFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** A type listed with {@code q=0} is one the client refuses, so it does not count. */
  public static ScrapeFormat of(String accept) {
    if (accept == null) {
      return JSON;
    }
    boolean text = false;
    for (String entry : accept.split(",", -1)) {
      String[] parts = entry.split(";", -1);
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      if (refused(parts)) {
        continue;
      }
      if (type.equals("application/openmetrics-text")) {
        return OPEN_METRICS;
      }
      text |= type.equals("text/plain");
    }
    return text ? PROMETHEUS_TEXT : JSON;
  }

  private static boolean refused(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
      if (param.matches("q=0(\\.0{0,3})?")) {
        return true;
      }
    }
    return false;
  }
}
