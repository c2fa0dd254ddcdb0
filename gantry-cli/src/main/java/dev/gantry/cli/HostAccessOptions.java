package dev.gantry.cli;

import dev.gantry.core.spec.HostAccessPolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What of the host the operator lets jobs reach: every process that accepts or runs jobs. */
final class HostAccessOptions {

  @Option(names = "--allow-host-network", defaultValue = "${env:GANTRY_ALLOW_HOST_NETWORK:-false}",
      description = "let tasks use network: host or container:<name>, from where they reach every loopback service of the"
          + " machine (Gantry's API, PostgreSQL...); refused by default (env GANTRY_ALLOW_HOST_NETWORK)")
  boolean hostNetwork;

  @Option(names = "--allow-bind-mounts", defaultValue = "${env:GANTRY_ALLOW_BIND_MOUNTS:-false}",
      description = "let tasks bind-mount any host path (a mount of type bind), from where they read and change anything"
          + " there; refused by default (env GANTRY_ALLOW_BIND_MOUNTS)")
  boolean anyBindMount;

  @Option(names = "--allowed-bind-paths", split = ",", paramLabel = "PATH",
      defaultValue = "${env:GANTRY_ALLOWED_BIND_PATHS:-}",
      description = "host paths (comma-separated, absolute) that tasks may bind-mount, with everything below them;"
          + " none by default (env GANTRY_ALLOWED_BIND_PATHS)")
  List<String> bindPaths = new ArrayList<>();

  @Option(names = "--allow-privileged", defaultValue = "${env:GANTRY_ALLOW_PRIVILEGED:-false}",
      description = "let tasks run privileged containers (a job definition's privileged: true), which can do nearly"
          + " anything root on the machine can; refused by default (env GANTRY_ALLOW_PRIVILEGED)")
  boolean privileged;

  HostAccessPolicy policy() {
    List<String> paths = bindPaths == null ? List.of() : bindPaths.stream().filter(p -> !p.isBlank()).toList();
    try {
      return new HostAccessPolicy(hostNetwork, anyBindMount, paths, privileged);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--allowed-bind-paths: " + e.getMessage(), e);
    }
  }
}
