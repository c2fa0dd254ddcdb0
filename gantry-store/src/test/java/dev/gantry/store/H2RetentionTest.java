package dev.gantry.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The retention contract on an H2 file database. */
class H2RetentionTest extends RetentionContract {

  @TempDir Path dataDir;
  private int databases;

  @Override
  protected StoreSettings emptyDatabase() {
    return StoreSettings.h2File(dataDir.resolve("database-" + ++databases));
  }
}
