package dev.gantry.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A contract that every database must keep: each test gets a store on an empty database of its own
 * (with the test key), closed after it. Each database's subclass only says where an empty database is.
 */
public abstract class EmptyDatabaseContract {

  protected JdbcStore store;
  /** Where this test's database is (with the test key): to reach it with plain JDBC. */
  protected StoreSettings settings;

  /** An empty database of its own (no rows from other tests, no schema yet). */
  protected abstract StoreSettings emptyDatabase();

  @BeforeEach
  final void openStore() {
    settings = TestKeys.keyed(emptyDatabase());
    store = JdbcStore.open(settings);
  }

  @AfterEach
  final void closeStore() {
    store.close();
  }
}
