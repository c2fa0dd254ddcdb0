package dev.gantry.cli;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** Queue settings with the real engine on H2: one standalone process (H2 is one process's database). */
class QueueSettingsIT extends QueueSettingsContract {

  @TempDir Path dataDir;
  private int databases;

  @Override
  protected GantryConfig.Database database() {
    return new GantryConfig.Database(dataDir.resolve("data-" + ++databases), null, null, null);
  }

  @Override
  protected List<GantryConfig> workersForTheLimit(GantryConfig.Database database, String queue) {
    return List.of(standaloneOn(database, 8, queue));
  }
}
