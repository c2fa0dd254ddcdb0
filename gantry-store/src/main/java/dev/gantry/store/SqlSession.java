package dev.gantry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Runs statements on the connection of one transaction. Binds Instants as UTC timestamps and
 * enums by name, and turns every SQLException into a {@link StoreException} in one place.
 */
final class SqlSession {

  /** Reads one row of a result set. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  @FunctionalInterface
  private interface JdbcCall<T> {
    T call() throws SQLException;
  }

  private final Connection connection;

  SqlSession(Connection connection) {
    this.connection = connection;
  }

  /** Runs an insert, update or delete; returns the number of rows it changed. */
  int update(String sql, Object... params) {
    return jdbc(sql, () -> {
      try (PreparedStatement statement = prepare(sql, params)) {
        return statement.executeUpdate();
      }
    });
  }

  /** Runs an insert and returns the {@code id} the database generated for the new row. */
  long insertReturningId(String sql, Object... params) {
    return jdbc(sql, () -> {
      try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"})) {
        bind(statement, params);
        statement.executeUpdate();
        try (ResultSet keys = statement.getGeneratedKeys()) {
          if (!keys.next()) {
            throw new SQLException("the database returned no generated id");
          }
          return keys.getLong(1);
        }
      }
    });
  }

  /** Runs one insert or update per row of {@code rows}, in one round trip. */
  void batch(String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    jdbc(sql, () -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (Object[] row : rows) {
          bind(statement, row);
          statement.addBatch();
        }
        return statement.executeBatch();
      }
    });
  }

  <T> List<T> list(String sql, RowReader<T> reader, Object... params) {
    return jdbc(sql, () -> {
      try (PreparedStatement statement = prepare(sql, params); ResultSet rows = statement.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rows.next()) {
          out.add(reader.read(rows));
        }
        return out;
      }
    });
  }

  <T> Optional<T> first(String sql, RowReader<T> reader, Object... params) {
    return list(sql, reader, params).stream().findFirst();
  }

  long count(String sql, Object... params) {
    return first(sql, row -> row.getLong(1), params).orElse(0L);
  }

  /** {@code ?, ?, ?} for an {@code in (...)} list of {@code count} values. */
  static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private PreparedStatement prepare(String sql, Object... params) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      bind(statement, params);
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static void bind(PreparedStatement statement, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object value = params[i];
      if (value instanceof Instant instant) {
        value = Timestamps.toSql(instant);
      } else if (value instanceof Enum<?> e) {
        value = e.name();
      }
      statement.setObject(i + 1, value);
    }
  }

  private static <T> T jdbc(String sql, JdbcCall<T> call) {
    try {
      return call.call();
    } catch (SQLException e) {
      throw new StoreException(e.getMessage() + " [SQLSTATE " + e.getSQLState() + "] in: " + firstLine(sql), e);
    }
  }

  private static String firstLine(String sql) {
    String line = sql.strip().lines().findFirst().orElse("");
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }
}
