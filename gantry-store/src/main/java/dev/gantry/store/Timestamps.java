package dev.gantry.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the store keeps them: UTC timestamps with microsecond precision, the finest both H2
 * and PostgreSQL hold. Instants are truncated (never rounded) on write, so what a reader gets back
 * equals {@code written.truncatedTo(MICROS)}, on every database.
 */
final class Timestamps {

  private Timestamps() {}

  static Instant stored(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  static OffsetDateTime toSql(Instant instant) {
    return OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC);
  }

  static Instant read(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
