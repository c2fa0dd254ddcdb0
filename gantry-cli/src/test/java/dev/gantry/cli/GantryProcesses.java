package dev.gantry.cli;

import dev.gantry.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real {@code gantry server} and {@code gantry worker} processes (this test run's classpath, a
 * JVM each) on one PostgreSQL database, as a cluster on several machines would run them. Their
 * output is kept in {@code target/it-logs/<test class>/}. Closing stops what still runs (SIGTERM,
 * then SIGKILL after a deadline), also when a test failed halfway.
 */
final class GantryProcesses implements AutoCloseable {

  private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
  // A small, quickly started JVM: several of them share a 2-core machine with the Docker engine.
  private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");

  /** The key the cluster's processes share (a test key: 32 fixed bytes). */
  static final String SECRET_KEY = "Z2FudHJ5LXRlc3QtY2x1c3Rlci1zZWNyZXQta2V5ISE=";

  private final StoreSettings database;
  private final Path logs;
  private final List<GantryProcess> started = new CopyOnWriteArrayList<>();
  private final Thread killOnExit = new Thread(this::killAll, "kill-gantry-processes");
  private int count;

  GantryProcesses(StoreSettings database, Class<?> testClass) {
    this.database = database;
    this.logs = Path.of("target", "it-logs", testClass.getSimpleName());
    try {
      Files.createDirectories(logs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts {@code gantry server} on a free port with {@code options}; does not wait for it. */
  GantryProcess server(String... options) {
    int port = freePort();
    List<String> args = new ArrayList<>(List.of("server", "--port", Integer.toString(port)));
    args.addAll(List.of(options));
    return start("server", args, port);
  }

  /** Starts {@code gantry worker} with {@code options}; does not wait for it. */
  GantryProcess worker(String... options) {
    return workerOn(Services.DOCKER_HOST, options);
  }

  /** Starts {@code gantry worker} on the Docker engine at {@code dockerHost} with {@code options}; does not wait for it. */
  GantryProcess workerOn(String dockerHost, String... options) {
    List<String> args = new ArrayList<>(List.of("worker"));
    args.addAll(List.of(options));
    return start("worker", args, null, dockerHost);
  }

  /**
   * Starts {@code gantry worker} that halts, as a kill -9 would, at the crash point {@code point}
   * (the core's {@code CrashPoint}: the exact window a test cannot hit by timing a kill).
   */
  GantryProcess workerCrashingAt(String point, String... options) {
    List<String> args = new ArrayList<>(List.of("worker"));
    args.addAll(List.of(options));
    List<String> jvm = new ArrayList<>(JVM_OPTIONS);
    jvm.add("-Dgantry.test.crash-at=" + point);
    return start("worker", args, null, Services.DOCKER_HOST, jvm);
  }

  private GantryProcess start(String role, List<String> args, Integer port) {
    return start(role, args, port, Services.DOCKER_HOST);
  }

  private GantryProcess start(String role, List<String> args, Integer port, String dockerHost) {
    return start(role, args, port, dockerHost, JVM_OPTIONS);
  }

  private GantryProcess start(String role, List<String> args, Integer port, String dockerHost, List<String> jvmOptions) {
    String name = role + "-" + (++count);
    Path log = logs.resolve(name + ".log");
    List<String> command = new ArrayList<>(GantryCommand.of(jvmOptions, args));
    command.addAll(List.of("--db-url", database.url()));
    if (port == null) {
      command.addAll(List.of("--docker-host", dockerHost));
    }
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      // Every process of the cluster seals secrets with the same key, as an operator sets it up.
      builder.environment().put("GANTRY_SECRET_KEY", SECRET_KEY);
      Process process = builder.start();
      GantryProcess started = new GantryProcess(name, process, log, port);
      this.started.add(started);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  @Override
  public void close() {
    started.stream().filter(GantryProcess::isAlive).forEach(GantryProcess::stop);
    for (GantryProcess process : started) {
      if (!process.waitForExit(STOP_DEADLINE)) {
        process.kill();
      }
    }
    Runtime.getRuntime().removeShutdownHook(killOnExit);
  }

  private void killAll() {
    started.stream().filter(GantryProcess::isAlive).forEach(GantryProcess::kill);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
