package dev.gantry.cli;

import dev.gantry.store.PostgresTestDatabase;
import dev.gantry.store.StoreSettings;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Queue settings with the real engine on PostgreSQL: the limit holds across two processes' workers. */
class QueueSettingsPostgresIT extends QueueSettingsContract {

  @RegisterExtension static final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @Override
  protected GantryConfig.Database database() {
    postgres.empty();
    StoreSettings db = postgres.settings();
    // Every process on a shared database needs the same key for job secrets: the one the cluster tests use.
    return new GantryConfig.Database(null, db.url(), db.user(), db.password(), null, GantryProcesses.SECRET_KEY);
  }

  @Override
  protected List<GantryConfig> workersForTheLimit(GantryConfig.Database database, String queue) {
    return List.of(standaloneOn(database, 4, queue), standaloneOn(database, 4, queue));
  }
}
