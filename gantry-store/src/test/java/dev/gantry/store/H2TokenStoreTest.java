package dev.gantry.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The token store contract on an H2 file database. */
class H2TokenStoreTest extends TokenStoreContract {

  @TempDir Path dataDir;

  @Override
  protected StoreSettings emptyDatabase() {
    return StoreSettings.h2File(dataDir.resolve("database"));
  }
}
