package dev.gantry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** The connection pool, and the one place where transactions begin, commit and roll back. */
final class Database implements AutoCloseable {

  private static final long CONNECTION_TIMEOUT_MS = 5_000;
  private static final int HEALTH_TIMEOUT_SECONDS = 2;

  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Opens the pool and brings the schema up to date; the message of a failure names the database. */
  static Database open(StoreSettings settings, SqlDialect dialect, String description, SealedSecrets secrets) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config(settings));
    } catch (HikariPool.PoolInitializationException e) {
      throw new StoreException("cannot connect to " + description + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .placeholders(dialect.migrationPlaceholders())
          .javaMigrations(new JobWordsMigration(), new SealSecretsMigration(secrets))
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new StoreException("cannot bring the schema of " + description + " up to date: " + e.getMessage(), e);
    }
    Database database = new Database(pool);
    if (settings.secretCipher() != null) {
      try {
        SecretKeyCheck.verify(database, settings.secretCipher(), description);
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
    }
    return database;
  }

  private static HikariConfig config(StoreSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("gantry-store");
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.maxPoolSize());
    // Every unit of work is an explicit transaction (see inTransaction); the claim and the job
    // lock are reasoned about under READ COMMITTED, the default of both databases, made explicit.
    config.setAutoCommit(false);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    return config;
  }

  /**
   * Runs {@code work} in one transaction: commits if it returns, rolls back if it throws.
   * Unchecked exceptions pass through unchanged; SQLExceptions become StoreExceptions.
   */
  <T> T inTransaction(Function<SqlSession, T> work) {
    try (Connection connection = pool.getConnection()) {
      return commitOrRollBack(connection, work);
    } catch (SQLException e) {
      throw new StoreException("database transaction failed: " + e.getMessage(), e);
    }
  }

  private static <T> T commitOrRollBack(Connection connection, Function<SqlSession, T> work) throws SQLException {
    try {
      T result = work.apply(new SqlSession(connection));
      connection.commit();
      return result;
    } catch (Throwable failure) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        failure.addSuppressed(rollbackFailure);
      }
      throw failure;
    }
  }

  /** Whether the database answers {@code select 1} within a couple of seconds; never throws. */
  boolean answers() {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(HEALTH_TIMEOUT_SECONDS);
      try {
        statement.execute("select 1");
      } finally {
        // H2 keeps a statement's query timeout on its session, that is on this pooled connection:
        // left set, it would cancel any later query on it that runs longer (a search under load).
        statement.setQueryTimeout(0);
      }
      connection.rollback();
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Hikari accepts a registry once, also on a running pool (it then adds its meters to it). */
  void bindPoolMetrics(Object meterRegistry) {
    pool.setMetricRegistry(meterRegistry);
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
