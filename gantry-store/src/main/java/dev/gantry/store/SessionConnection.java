package dev.gantry.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A PostgreSQL connection of its own, outside the pool, for what lives as long as a session:
 * LISTEN and advisory locks. Connects with short timeouts and TCP keep-alive, so that a lost
 * server is noticed rather than waited for.
 */
final class SessionConnection {

  private static final int TIMEOUT_SECONDS = 5;

  private SessionConnection() {}

  static Connection open(StoreSettings settings) throws SQLException {
    return open(settings, "gantry");
  }

  /** As {@link #open(StoreSettings)}, named {@code applicationName} in the server's session list (pg_stat_activity). */
  static Connection open(StoreSettings settings, String applicationName) throws SQLException {
    Properties properties = new Properties();
    if (settings.user() != null) {
      properties.setProperty("user", settings.user());
    }
    if (settings.password() != null) {
      properties.setProperty("password", settings.password());
    }
    properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
    properties.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("ApplicationName", applicationName);
    Connection connection = DriverManager.getConnection(settings.url(), properties);
    connection.setAutoCommit(true);
    return connection;
  }

  /** Whether the server still answers on this connection, within a couple of seconds. */
  static boolean answers(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      statement.execute("select 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken: nothing more to release
      }
    }
  }
}
