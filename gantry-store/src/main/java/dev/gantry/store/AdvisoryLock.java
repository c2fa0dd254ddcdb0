package dev.gantry.store;

import dev.gantry.core.spi.MaintenanceLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance lock on PostgreSQL: a session-level advisory lock, taken on a connection of its
 * own and held as long as that session lives. When the process dies or loses the database, the
 * session ends and the lock is free for another process. The lock's key includes the schema, so
 * installations sharing a database in different schemas do not exclude each other.
 */
public final class AdvisoryLock implements MaintenanceLock {

  private static final Logger log = LoggerFactory.getLogger(AdvisoryLock.class);
  /** The first half of the two-part key: "gant", so the lock is recognisable in pg_locks. */
  public static final int KEY_SPACE = 0x67616e74;
  private static final String TRY_LOCK = "select pg_try_advisory_lock(?, hashtext(current_schema()))";

  private final StoreSettings settings;
  private Connection session;
  private boolean held;

  private AdvisoryLock(StoreSettings settings) {
    this.settings = settings;
  }

  /** A lock on the PostgreSQL database of {@code settings}; it connects on first use. */
  public static AdvisoryLock on(StoreSettings settings) {
    if (!(SqlDialect.forUrl(settings.url()) instanceof PostgresDialect)) {
      throw new IllegalArgumentException("the maintenance lock needs PostgreSQL, not " + SqlDialect.describe(settings.url()));
    }
    return new AdvisoryLock(settings);
  }

  @Override
  public synchronized boolean tryHold() {
    try {
      if (session == null) {
        session = SessionConnection.open(settings);
      }
      if (held) {
        if (SessionConnection.answers(session)) {
          return true;
        }
        throw new SQLException("the session holding the maintenance lock was lost");
      }
      held = tryLock();
      return held;
    } catch (SQLException e) {
      log.debug("maintenance lock not held: {}", e.getMessage());
      drop();
      return false;
    }
  }

  private boolean tryLock() throws SQLException {
    try (PreparedStatement statement = session.prepareStatement(TRY_LOCK)) {
      statement.setQueryTimeout(5);
      statement.setInt(1, KEY_SPACE);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  private void drop() {
    SessionConnection.closeQuietly(session);
    session = null;
    held = false;
  }

  /**
   * Releases the lock and ends the session. The release is explicit: a closed connection's session
   * ends a moment later, and another server should be able to take over at once.
   */
  @Override
  public synchronized void close() {
    if (held) {
      try (Statement statement = session.createStatement()) {
        statement.setQueryTimeout(2);
        statement.execute("select pg_advisory_unlock_all()");
      } catch (SQLException e) {
        log.debug("could not release the maintenance lock; it goes with the session: {}", e.getMessage());
      }
    }
    drop();
  }
}
