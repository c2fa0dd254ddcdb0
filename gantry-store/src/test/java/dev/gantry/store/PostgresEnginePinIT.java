package dev.gantry.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Jobs pinned to an engine in the claim, on PostgreSQL; see {@link PostgresTestDatabase} for how it is found. */
class PostgresEnginePinIT extends EnginePinContract {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected StoreSettings emptyDatabase() {
    database.empty();
    return database.settings();
  }
}
