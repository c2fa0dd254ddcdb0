package dev.gantry.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The token store contract on PostgreSQL; see {@link PostgresTestDatabase} for how it is found. */
class PostgresTokenStoreIT extends TokenStoreContract {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected StoreSettings emptyDatabase() {
    database.empty();
    return database.settings();
  }
}
