package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The maintenance lock on a real PostgreSQL: one holder at a time, free again when its session ends. */
class AdvisoryLockIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @Test
  void oneProcessHoldsTheLockUntilItLetsGo() {
    try (AdvisoryLock first = AdvisoryLock.on(database.settings()); AdvisoryLock second = AdvisoryLock.on(database.settings())) {
      assertThat(first.tryHold()).isTrue();
      assertThat(first.tryHold()).isTrue();
      assertThat(second.tryHold()).isFalse();

      first.close();

      assertThat(second.tryHold()).isTrue();
      assertThat(first.tryHold()).isFalse();
    }
  }

  @Test
  void aLostSessionLosesTheLockAndAnotherProcessTakesIt() throws SQLException {
    try (AdvisoryLock first = AdvisoryLock.on(database.settings()); AdvisoryLock second = AdvisoryLock.on(database.settings())) {
      assertThat(first.tryHold()).isTrue();

      terminateTheLockHoldersSession();

      // The session ends a moment after it is told to; then the lock is free.
      await().atMost(Duration.ofSeconds(10)).until(second::tryHold);
      assertThat(first.tryHold()).isFalse();
    }
  }

  @Test
  void needsPostgres() {
    assertThatThrownBy(() -> AdvisoryLock.on(StoreSettings.h2File(Path.of("unused"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs PostgreSQL");
  }

  /** What a database restart or a cut connection does to the holder. */
  private static void terminateTheLockHoldersSession() throws SQLException {
    try (Connection admin = DriverManager.getConnection(database.settings().url()); Statement statement = admin.createStatement();
        ResultSet terminated = statement.executeQuery("select pg_terminate_backend(pid) from pg_locks"
            + " where locktype = 'advisory' and granted and classid = " + AdvisoryLock.KEY_SPACE
            + " and objid = hashtext(current_schema())::oid")) {
      assertThat(terminated.next()).as("a session holds the lock").isTrue();
    }
  }
}
