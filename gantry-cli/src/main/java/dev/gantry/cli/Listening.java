package dev.gantry.cli;

import dev.gantry.server.GantryServer;
import java.net.BindException;

/** Takes the HTTP port; a port or address that cannot be had fails the start with what to change. */
final class Listening {

  private Listening() {}

  static void start(GantryServer server, GantryConfig.Api api) {
    try {
      server.start();
    } catch (RuntimeException e) {
      throw new CommandFailure(reason(e, api));
    }
  }

  private static String reason(RuntimeException e, GantryConfig.Api api) {
    String where = api.bind() + ":" + api.port();
    String cause = bindFailure(e);
    if (cause == null) {
      return "cannot listen on " + where + ": " + e.getMessage();
    }
    if (cause.contains("already in use")) {
      return "port " + api.port() + " on " + api.bind() + " is already in use: stop what listens there, or choose another --port";
    }
    if (cause.contains("assign requested address") || cause.contains("not available")) {
      return "--bind " + api.bind() + " is not an address of this machine: give one of its addresses, 127.0.0.1 or 0.0.0.0";
    }
    if (cause.contains("Permission denied")) {
      return "may not listen on " + where + " (permission denied): ports below 1024 need privileges; choose another --port";
    }
    return "cannot listen on " + where + ": " + cause;
  }

  /** The operating system's reason, from the BindException under Javalin's and Jetty's wrappers. */
  private static String bindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return String.valueOf(t.getMessage());
      }
    }
    return null;
  }
}
