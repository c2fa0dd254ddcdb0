package dev.gantry.store;

import dev.gantry.core.testing.InMemoryTokenStore;

/** The token store contract on the in-memory store behind the HTTP tests. */
class InMemoryTokenStoreTest extends TokenStoreContract {

  @Override
  protected StoreSettings emptyDatabase() {
    store = new InMemoryTokenStore();
    return null;
  }
}
