package dev.gantry.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The retention contract on PostgreSQL; see {@link PostgresTestDatabase} for how it is found. */
class PostgresRetentionIT extends RetentionContract {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected StoreSettings emptyDatabase() {
    database.empty();
    return database.settings();
  }
}
