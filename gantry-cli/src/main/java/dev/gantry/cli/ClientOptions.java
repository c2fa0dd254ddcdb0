package dev.gantry.cli;

import picocli.CommandLine.Option;

/** The options every client command shares. */
final class ClientOptions {

  @Option(names = "--server", defaultValue = "${env:GANTRY_SERVER:-http://localhost:8000}",
      description = "Gantry's address (env GANTRY_SERVER), default%n  ${DEFAULT-VALUE}")
  String server;

  GantryClient client() {
    return new GantryClient(server);
  }
}
