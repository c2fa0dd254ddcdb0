package dev.gantry.cli;

import dev.gantry.core.spec.ByteSize;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/** The HTTP API's options: {@code standalone} and {@code server}. */
final class ApiOptions {

  @Option(names = "--port", defaultValue = "${env:GANTRY_PORT:-8000}", description = "HTTP port (env GANTRY_PORT; default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", defaultValue = "${env:GANTRY_BIND:-127.0.0.1}", description = "address to listen on (env GANTRY_BIND; default ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--allow-remote", defaultValue = "${env:GANTRY_ALLOW_REMOTE:-false}",
      description = "allow --bind to a non-loopback address although Gantry has no authentication yet (env GANTRY_ALLOW_REMOTE)")
  boolean allowRemote;

  @Option(names = "--max-body", defaultValue = "${env:GANTRY_MAX_BODY:-1m}", description = "largest accepted request body (env GANTRY_MAX_BODY; default ${DEFAULT-VALUE})")
  String maxBody;

  GantryConfig.Api api() throws UnknownHostException {
    if (!allowRemote && !InetAddress.getByName(bind).isLoopbackAddress()) {
      throw new IllegalArgumentException("--bind " + bind + " is not a loopback address and Gantry has no authentication yet;"
          + " add --allow-remote to accept that anyone who reaches the port can run containers");
    }
    return new GantryConfig.Api(bind, port, ByteSize.parse(maxBody));
  }
}
