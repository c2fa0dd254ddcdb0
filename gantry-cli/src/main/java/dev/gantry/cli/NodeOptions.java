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

  Duration heartbeat() {
    return Durations.parse(heartbeat);
  }
}
