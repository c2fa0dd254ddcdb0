package dev.gantry.cli;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code gantry standalone} as its own OS process on this test's classpath, so that it can be
 * killed with SIGKILL (no shutdown hook, no last writes) and started again on the same data.
 */
final class StandaloneProcess {

  private final Path dataDir;
  private final int port;
  private final List<String> options;
  private final Path log;
  private Process process;
  private int starts;

  StandaloneProcess(Path dataDir, String... options) throws IOException {
    this.dataDir = dataDir;
    this.port = freePort();
    this.options = List.of(options);
    this.log = dataDir.resolve("standalone.log");
  }

  /** Starts the process (appending to its log) and waits until /health answers 200. */
  Http start(Duration timeout) throws IOException, InterruptedException {
    List<String> args = new java.util.ArrayList<>(List.of("standalone", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
    args.addAll(options);
    List<String> command = GantryCommand.of(List.of(), args);
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString()))).start();
    starts++;
    Http http = new Http(port);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (http.get("/health").status() == 200) {
          return http;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("standalone (start " + starts + ") did not become healthy; see " + log);
      }
      Thread.sleep(50);
    }
  }

  /** SIGKILL: the process dies at once, wherever it is. */
  void killNine() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** One SIGTERM, as an operator's Ctrl-C or service manager sends it; does not wait. */
  void sigterm() {
    process.destroy();
  }

  /** Waits for the process to exit; false when it still runs at the deadline. */
  boolean awaitExit(Duration deadline) throws InterruptedException {
    return process.waitFor(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** SIGTERM, then SIGKILL if it does not stop in time. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        killNine();
      }
    }
  }

  Path log() {
    return log;
  }

  int port() {
    return port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
