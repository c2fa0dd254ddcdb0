package dev.gantry.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The job tree through the engine on PostgreSQL; see {@link PostgresTestDatabase} for how it is found. */
class JobTreePostgresIT extends JobTreeEngineContract {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected StoreSettings emptyDatabase() {
    database.empty();
    return database.settings();
  }
}
