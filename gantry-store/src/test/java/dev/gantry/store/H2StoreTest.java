package dev.gantry.store;

import dev.gantry.core.spi.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an H2 file database, as `gantry standalone` uses it. */
class H2StoreTest extends StoreContract {

  @TempDir Path dataDir;

  @Override
  protected Store openEmptyStore() {
    return JdbcStore.open(StoreSettings.h2File(dataDir));
  }
}
