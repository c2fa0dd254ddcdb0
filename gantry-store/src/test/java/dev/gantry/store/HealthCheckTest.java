package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health check's short query timeout must not stay on the pooled connection it borrowed. */
class HealthCheckTest {

  @TempDir Path dataDir;

  @Test
  void aHealthCheckLeavesNoQueryTimeoutBehindOnH2() {
    // Hikari hands a thread back the connection it used last: the check below reads the checked one.
    StoreSettings settings = StoreSettings.h2File(dataDir).withMaxPoolSize(2);
    try (Database database = Database.open(settings, SqlDialect.forUrl(settings.url()), "test", new SealedSecrets(null))) {
      assertThat(database.answers()).isTrue();
      long timeout = database.inTransaction(sql -> sql.count(
          "select cast(setting_value as bigint) from information_schema.settings where setting_name = 'QUERY_TIMEOUT'"));
      assertThat(timeout).isZero();
    }
  }
}
