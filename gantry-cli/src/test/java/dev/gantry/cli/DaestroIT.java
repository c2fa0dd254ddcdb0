package dev.gantry.cli;

import dev.gantry.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Daestro's client API with the real engine on H2. */
class DaestroIT extends DaestroContract {

  @TempDir Path dataDir;

  @Override
  protected StoreSettings storeSettings() {
    return database().storeSettings();
  }

  @Override
  protected GantryConfig.Database database() {
    return new GantryConfig.Database(dataDir, null, null, null);
  }
}
