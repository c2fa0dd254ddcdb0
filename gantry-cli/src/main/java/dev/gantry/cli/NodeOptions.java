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

  @Option(names = "--check",
      description = "start every part (database and schema, Docker engine, HTTP port), then stop and exit: 0 when all of them started")
  boolean check;

  /** Runs the process until it is told to stop, or only starts and stops it under --check. */
  int run(GantryConfig config) throws InterruptedException {
    return check ? Gantry.check(config) : Gantry.runUntilStopped(config);
  }

  Duration heartbeat() {
    return Durations.parse(heartbeat);
  }
}
