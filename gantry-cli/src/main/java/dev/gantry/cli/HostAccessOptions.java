package dev.gantry.cli;

import dev.gantry.core.spec.HostAccessPolicy;
import picocli.CommandLine.Option;

/** What of the host the operator lets jobs reach: every process that accepts or runs jobs. */
final class HostAccessOptions {

  @Option(names = "--allow-host-network", defaultValue = "${env:GANTRY_ALLOW_HOST_NETWORK:-false}",
      description = "let tasks use network: host or container:<name>, from where they reach every loopback service of the"
          + " machine (Gantry's API, PostgreSQL...); refused by default (env GANTRY_ALLOW_HOST_NETWORK)")
  boolean hostNetwork;

  HostAccessPolicy policy() {
    return new HostAccessPolicy(hostNetwork);
  }
}
