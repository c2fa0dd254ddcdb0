package dev.gantry.server.sourcehut;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** sourcehut's dates: {@code %Y-%m-%dT%H:%M:%S+00:00}. */
final class SourcehutDates {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
      .withZone(ZoneOffset.UTC);

  private SourcehutDates() {}

  static String format(Instant at) {
    return at == null ? null : FORMAT.format(at);
  }
}
