package dev.gantry.cli;

import dev.gantry.store.PostgresTestDatabase;
import dev.gantry.store.StoreSettings;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Daestro's client API with the real engine on PostgreSQL. */
class DaestroPostgresIT extends DaestroContract {

  @RegisterExtension static final PostgresTestDatabase postgres = new PostgresTestDatabase();

  @Override
  protected StoreSettings storeSettings() {
    return postgres.settings();
  }

  @Override
  protected GantryConfig.Database database() {
    postgres.empty();
    StoreSettings db = postgres.settings();
    // Every process on a shared database needs the same key for job secrets: the one the cluster tests use.
    return new GantryConfig.Database(null, db.url(), db.user(), db.password(), null, GantryProcesses.SECRET_KEY);
  }
}
