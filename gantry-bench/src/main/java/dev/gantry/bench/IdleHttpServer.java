package dev.gantry.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The start-up baseline: the JDK's built-in HTTP server answering {@code GET /health}, in a JVM
 * started the same way as Gantry's. What Gantry takes beyond this is its own cost.
 */
public final class IdleHttpServer {

  private IdleHttpServer() {}

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
    byte[] up = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    server.createContext("/health", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, up.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(up);
      }
    });
    server.start();
  }
}
