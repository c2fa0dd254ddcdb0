package dev.gantry.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The session store contract on PostgreSQL. */
class PostgresSessionStoreIT extends SessionStoreContract {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected StoreSettings emptyDatabase() {
    database.empty();
    return database.settings();
  }
}
