package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.job.Job;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening and reopening a store; what it does once open is {@link StoreContract}'s. */
class JdbcStoreTest {

  @TempDir Path dataDir;

  @Test
  void keepsJobsAcrossARestart() {
    Job job = TestJobs.aJob().build();
    try (JdbcStore store = JdbcStore.open(StoreSettings.h2File(dataDir))) {
      store.inTransaction(tx -> {
        tx.insertJob(job);
        return null;
      });
    }

    try (JdbcStore reopened = JdbcStore.open(StoreSettings.h2File(dataDir))) {
      assertThat(reopened.findJob(job.id())).contains(job);
      assertThat(reopened.describe()).isEqualTo("H2 file " + dataDir.toAbsolutePath().normalize().resolve("gantry"));
    }
  }

  @Test
  void refusesAnUnsupportedDatabase() {
    assertThatThrownBy(() -> JdbcStore.open(new StoreSettings("jdbc:sqlite:gantry.db", null, null, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("supports jdbc:h2:");
  }

  @Test
  void saysWhichDatabaseItCannotReach() {
    // Nothing listens on port 1 of this machine: the connection is refused at once.
    StoreSettings nowhere = new StoreSettings("jdbc:postgresql://127.0.0.1:1/gantry?password=secret", "gantry", null, 1);

    assertThatThrownBy(() -> JdbcStore.open(nowhere))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect to PostgreSQL 127.0.0.1:1/gantry")
        .hasMessageNotContaining("secret");
  }
}
