package dev.gantry.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Delayed starts on PostgreSQL; see {@link PostgresTestDatabase} for how it is found. */
class PostgresDelayedStartIT extends DelayedStartContract {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected StoreSettings emptyDatabase() {
    database.empty();
    return database.settings();
  }
}
