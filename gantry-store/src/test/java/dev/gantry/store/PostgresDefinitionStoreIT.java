package dev.gantry.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Job definitions on PostgreSQL; see {@link PostgresTestDatabase} for how it is found. */
class PostgresDefinitionStoreIT extends DefinitionStoreContract {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected StoreSettings emptyDatabase() {
    database.empty();
    return database.settings();
  }
}
