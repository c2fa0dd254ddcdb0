package dev.gantry.cli;

import dev.gantry.core.cluster.NodeRole;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gantry worker}: runs the tasks of the queues it serves, from a PostgreSQL database shared with servers. */
@Command(name = "worker", description = {"Run tasks from the queues given by --queues, taking them from a shared PostgreSQL database.",
        "On SIGTERM it stops taking tasks, lets running ones finish for --shutdown-grace, leaves the rest running in their"
            + " containers for its next start (a second SIGTERM stops and hands them back) and deregisters."})
final class WorkerCommand implements Callable<Integer> {

  @Option(names = "--data-dir", defaultValue = "${env:GANTRY_DATA_DIR}", paramLabel = "DIR",
      description = "where this worker keeps its node id (DIR/node-id, made at the first start), so that a restart takes over"
          + " the tasks it left running (env GANTRY_DATA_DIR; without it and --node-id, a new node id at each start)")
  Path dataDir;

  @Mixin DatabaseOptions database;
  @Mixin TaskOptions tasks;
  @Mixin NodeOptions node;
  @Mixin HostAccessOptions hostAccess;

  @Override
  public Integer call() throws Exception {
    return node.run(config());
  }

  GantryConfig config() {
    return new GantryConfig(NodeRole.WORKER, database.shared("worker"), null, tasks.tasks(), node.heartbeat(), hostAccess.policy(),
        node.identity(dataDir));
  }
}
