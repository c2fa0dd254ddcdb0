package dev.gantry.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The job tree through the engine on an H2 file database, as `gantry standalone` uses it. */
class JobTreeH2Test extends JobTreeEngineContract {

  @TempDir Path dataDir;

  @Override
  protected StoreSettings emptyDatabase() {
    return StoreSettings.h2File(dataDir.resolve("tree"));
  }
}
