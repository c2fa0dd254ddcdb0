package dev.gantry.cli;

import dev.gantry.core.cluster.NodeRole;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gantry server}: the API and the maintenance loops, sharing a PostgreSQL database with workers. */
@Command(name = "server", description = {"Run the API and the maintenance loops on a shared PostgreSQL database; `gantry worker` processes run the tasks.",
        "Any number of servers may run: each serves the API, one at a time runs maintenance."})
final class ServerCommand implements Callable<Integer> {

  @Mixin DatabaseOptions database;
  @Mixin ApiOptions api;
  @Mixin NodeOptions node;
  @Mixin HostAccessOptions hostAccess;

  @Override
  public Integer call() throws Exception {
    return node.run(config());
  }

  GantryConfig config() throws UnknownHostException {
    return new GantryConfig(NodeRole.SERVER, database.shared("server"), api.api(null), null, node.heartbeat(), hostAccess.policy(),
        node.identity(null));
  }
}
