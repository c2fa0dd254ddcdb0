package dev.gantry.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on PostgreSQL; see {@link PostgresTestDatabase} for how it is found. */
class PostgresStoreIT extends StoreContract {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected StoreSettings emptyDatabase() {
    database.empty();
    return database.settings();
  }
}
