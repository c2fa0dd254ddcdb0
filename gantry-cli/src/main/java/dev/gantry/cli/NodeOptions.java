package dev.gantry.cli;

import dev.gantry.core.spec.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What every process does as a node of the cluster. */
final class NodeOptions {

  @Option(names = "--heartbeat", defaultValue = "${env:GANTRY_HEARTBEAT:-5s}",
      description = "how often this process tells the others it is alive; it shows OFFLINE after 3 missed heartbeats."
          + " Servers also run maintenance this often (env GANTRY_HEARTBEAT; default ${DEFAULT-VALUE})")
  String heartbeat;

  @Option(names = "--node-id", defaultValue = "${env:GANTRY_NODE_ID}", paramLabel = "ID",
      description = "this process's node id (env GANTRY_NODE_ID): a worker started again under its id takes over the tasks its"
          + " previous process left running. Default: the id kept in <data-dir>/node-id (made at the first start) when the"
          + " process has a --data-dir, else a new one at each start. Never give two running processes the same id")
  String nodeId;

  @Option(names = "--check",
      description = "start every part (database and schema, Docker engine, HTTP port), then stop and exit: 0 when all of them started")
  boolean check;

  /** Runs the process until it is told to stop, or only starts and stops it under --check. */
  int run(GantryConfig config) throws InterruptedException {
    return check ? Gantry.check(config) : Gantry.runUntilStopped(config);
  }

  /** Where the node id comes from: --node-id, else {@code dataDir}/node-id (null: a new id). */
  GantryConfig.Identity identity(java.nio.file.Path dataDir) {
    return new GantryConfig.Identity(nodeId, dataDir == null ? null : dataDir.toAbsolutePath());
  }

  Duration heartbeat() {
    return Durations.parse(heartbeat);
  }
}
