package dev.gantry.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One real Gantry process ({@code server}, {@code worker}) started by {@link GantryProcesses}; its output goes to a file. */
final class GantryProcess {

  private static final Pattern STARTED = Pattern.compile("Gantry \\S+ (?:server|worker|standalone) ([0-9a-f]{32}) started");
  static final Duration START_DEADLINE = Duration.ofSeconds(120);

  private final String name;
  private final Process process;
  private final Path log;
  private final Integer port;

  GantryProcess(String name, Process process, Path log, Integer port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  String name() {
    return name;
  }

  /** Waits until the process logged its start-up line (and, for a server, answers /health); returns this. */
  GantryProcess awaitStarted() {
    await("start of " + name).atMost(START_DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + log());
      }
      return STARTED.matcher(log()).find();
    });
    return this;
  }

  /** The node id the process logged at start. */
  String nodeId() {
    Matcher started = STARTED.matcher(log());
    if (!started.find()) {
      throw new AssertionError(name + " has not started:\n" + log());
    }
    return started.group(1);
  }

  Http http() {
    if (port == null) {
      throw new IllegalStateException(name + " serves no HTTP");
    }
    return new Http(port);
  }

  String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The OS process id. */
  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** kill -9: no shutdown hook runs, nothing is handed back or deregistered. */
  void kill() {
    process.destroyForcibly();
    waitForExit(Duration.ofSeconds(30));
  }

  /** SIGTERM: the process shuts down as an operator's stop would make it. */
  void stop() {
    process.destroy();
  }

  /** The exit code of the process, which has exited. */
  int exitCode() {
    return process.exitValue();
  }

  /** Waits for the process to exit; false when it is still running at the deadline. */
  boolean waitForExit(Duration deadline) {
    try {
      return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
