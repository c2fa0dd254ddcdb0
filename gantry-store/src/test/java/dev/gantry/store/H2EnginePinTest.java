package dev.gantry.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Jobs pinned to an engine in the claim, on an H2 file database. */
class H2EnginePinTest extends EnginePinContract {

  @TempDir Path dataDir;
  private int databases;

  @Override
  protected StoreSettings emptyDatabase() {
    return StoreSettings.h2File(dataDir.resolve("database-" + ++databases));
  }
}
