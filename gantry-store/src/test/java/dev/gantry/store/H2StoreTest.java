package dev.gantry.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an H2 file database, as `gantry standalone` uses it. */
class H2StoreTest extends StoreContract {

  @TempDir Path dataDir;
  private int databases;

  @Override
  protected StoreSettings emptyDatabase() {
    return StoreSettings.h2File(dataDir.resolve("database-" + ++databases));
  }
}
