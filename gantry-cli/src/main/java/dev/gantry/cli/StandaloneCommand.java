package dev.gantry.cli;

import dev.gantry.core.cluster.NodeRole;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gantry standalone}: API, worker and maintenance in one process. */
@Command(name = "standalone", description = "Run the API, a worker and the maintenance loops in one process (H2 database in --data-dir by default).")
final class StandaloneCommand implements Callable<Integer> {

  @Option(names = "--data-dir", defaultValue = "${env:GANTRY_DATA_DIR:-gantry-data}",
      description = "directory of the embedded H2 database, used unless --db-url is given (env GANTRY_DATA_DIR; default ${DEFAULT-VALUE})")
  Path dataDir;

  @Mixin DatabaseOptions database;
  @Mixin ApiOptions api;
  @Mixin TaskOptions tasks;
  @Mixin NodeOptions node;
  @Mixin HostAccessOptions hostAccess;

  @Override
  public Integer call() throws Exception {
    return node.run(config());
  }

  GantryConfig config() throws UnknownHostException {
    return new GantryConfig(NodeRole.STANDALONE, database.database(dataDir), api.api(dataDir.resolve("admin-token")), tasks.tasks(), node.heartbeat(), hostAccess.policy(),
        node.identity(dataDir));
  }
}
