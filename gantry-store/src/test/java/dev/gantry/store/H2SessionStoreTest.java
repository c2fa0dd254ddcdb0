package dev.gantry.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The session store contract on an H2 file database. */
class H2SessionStoreTest extends SessionStoreContract {

  @TempDir Path dataDir;
  private int databases;

  @Override
  protected StoreSettings emptyDatabase() {
    return StoreSettings.h2File(dataDir.resolve("database-" + ++databases));
  }
}
