package dev.gantry.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The queue settings in the claim, on PostgreSQL; see {@link PostgresTestDatabase} for how it is found. */
class PostgresQueueClaimIT extends QueueClaimContract {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected StoreSettings emptyDatabase() {
    database.empty();
    return database.settings();
  }
}
