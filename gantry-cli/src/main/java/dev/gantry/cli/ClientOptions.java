package dev.gantry.cli;

import dev.gantry.client.GantryClient;
import picocli.CommandLine.Option;

/** The options every client command shares. */
final class ClientOptions {

  @Option(names = "--server", defaultValue = "${env:GANTRY_SERVER:-http://localhost:8000}",
      description = "Gantry's address (env GANTRY_SERVER), default%n  ${DEFAULT-VALUE}")
  String server;

  @Option(names = "--token", defaultValue = "${env:GANTRY_TOKEN}", paramLabel = "TOKEN",
      description = "the API token sent with every call, where Gantry runs with auth on (env GANTRY_TOKEN; prefer the env var)")
  String token;

  /** The Java client (gantry-client) of the server named, with the token; its failures are told by {@link ApiFailures}. */
  GantryClient client() {
    return GantryClient.builder(server).token(token).build();
  }
}
