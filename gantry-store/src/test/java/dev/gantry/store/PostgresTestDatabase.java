package dev.gantry.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL schema for one test class, so classes never see each other's rows; register
 * it as {@code @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();}
 * and open stores on {@link #settings()}. The server is named by the environment variable
 * {@value #URL_VARIABLE}: a JDBC URL with the credentials in it, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/gantry?user=gantry&password=gantry}. When it is unset or
 * the server does not answer, every test of the class is skipped with the reason, except under
 * {@code CI=true}, where that is a failure. The schema is dropped after the class.
 */
public final class PostgresTestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  public static final String URL_VARIABLE = "GANTRY_TEST_POSTGRES_URL";
  private static final int CONNECT_TIMEOUT_SECONDS = 5;

  private String serverUrl;
  private String schema;
  private String unavailable;

  @Override
  public void beforeAll(ExtensionContext context) {
    serverUrl = System.getenv(URL_VARIABLE);
    if (serverUrl == null || serverUrl.isBlank()) {
      unavailable(URL_VARIABLE + " is not set: set it to a JDBC URL with credentials, e.g. "
          + "jdbc:postgresql://127.0.0.1:5432/gantry?user=gantry&password=gantry");
      return;
    }
    String label = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    String name = "test_" + label.substring(0, Math.min(label.length(), 40)) + "_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection connection = connect()) {
      execute(connection, "create schema " + name);
      schema = name;
    } catch (SQLException e) {
      unavailable(SqlDialect.describe(serverUrl) + " (from " + URL_VARIABLE + ") does not answer: "
          + e.getMessage());
    }
  }

  /** Skips each test when PostgreSQL was not found: surefire shows the reason per test, not for a class. */
  @Override
  public void beforeEach(ExtensionContext context) {
    Assumptions.assumeTrue(unavailable == null, () -> unavailable);
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    if (schema != null) {
      try (Connection connection = connect()) {
        execute(connection, "drop schema if exists " + schema + " cascade");
      }
      schema = null;
    }
  }

  /** Settings whose connections work in this class's schema only (the store creates its tables there). */
  public StoreSettings settings() {
    String separator = serverUrl.contains("?") ? "&" : "?";
    return new StoreSettings(serverUrl + separator + "currentSchema=" + schema, null, null, StoreSettings.DEFAULT_POOL_SIZE);
  }

  public String schema() {
    return schema;
  }

  /** Drops everything in the schema, for a test that needs an empty database. */
  public void empty() {
    try (Connection connection = connect()) {
      execute(connection, "drop schema if exists " + schema + " cascade");
      execute(connection, "create schema " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty schema " + schema + " on " + SqlDialect.describe(serverUrl), e);
    }
  }

  private Connection connect() throws SQLException {
    Properties timeouts = new Properties();
    timeouts.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    timeouts.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    return DriverManager.getConnection(serverUrl, timeouts);
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private void unavailable(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(why + " (CI=true: PostgreSQL must be running; see .ci/services)");
    }
    unavailable = why;
  }
}
