package dev.gantry.cli;

import dev.gantry.core.cluster.NodeRole;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gantry worker}: runs the tasks of the queues it serves, from a PostgreSQL database shared with servers. */
@Command(name = "worker", description = {"Run tasks from the queues given by --queues, taking them from a shared PostgreSQL database.",
        "On SIGTERM it stops taking tasks, lets running ones finish for --shutdown-grace, hands back the rest and deregisters."})
final class WorkerCommand implements Callable<Integer> {

  @Mixin DatabaseOptions database;
  @Mixin TaskOptions tasks;
  @Mixin NodeOptions node;
  @Mixin HostAccessOptions hostAccess;

  @Override
  public Integer call() throws Exception {
    return node.run(config());
  }

  GantryConfig config() {
    return new GantryConfig(NodeRole.WORKER, database.shared("worker"), null, tasks.tasks(), node.heartbeat(), hostAccess.policy());
  }
}
