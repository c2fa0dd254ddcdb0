package dev.gantry.cli;

import dev.gantry.docker.DockerRuntime;
import dev.gantry.docker.DockerSettings;
import dev.gantry.docker.PullPolicy;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Docker engine of the test's own (a third {@code dockerd}: its own data root, exec root, pid
 * file, socket and bridge {@code gantry-br3}, 172.31.0.1/24), that the test may stop and start:
 * the first and second engines serve everyone else's tests. {@code busybox:latest} is loaded into
 * it from the first engine. Needs root and dockerd (as .ci/services sets up the second one).
 */
final class PrivateDockerEngine implements AutoCloseable {

  private static final String BRIDGE = "gantry-br3";
  private static final Duration START = Duration.ofSeconds(60);

  private final Path root;
  private final Path socket;
  private final Path log;
  private Process dockerd;

  private PrivateDockerEngine(Path root) {
    this.root = root;
    // Short: containerd's sockets live under the exec root and a socket path has at most 107 bytes.
    this.socket = root.resolve("d.sock");
    this.log = root.resolve("dockerd.log");
  }

  /** Starts a new engine with busybox:latest in it; fails under CI (else skips) when this machine cannot. */
  static PrivateDockerEngine start() {
    if (!"root".equals(System.getProperty("user.name")) || !new File("/usr/sbin/dockerd").canExecute()) {
      Services.missing("root and /usr/sbin/dockerd, to run a Docker engine of the test's own");
    }
    try {
      PrivateDockerEngine engine = new PrivateDockerEngine(Files.createTempDirectory(Path.of("/tmp"), "gd3-"));
      engine.bridge();
      engine.startEngine();
      run("sh", "-c", "docker -H " + Services.DOCKER_HOST + " save busybox:latest | docker -H " + engine.host() + " load -q");
      return engine;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String host() {
    return "unix://" + socket;
  }

  /** A runtime on this engine, for looking at what Gantry left in it. */
  DockerRuntime runtime() {
    return new DockerRuntime(DockerSettings.defaults().withDockerHost(host()).withPullPolicy(PullPolicy.NEVER));
  }

  /** Stops the engine as a service manager does (SIGTERM); it stops the containers as it goes. */
  void stop() {
    if (dockerd != null && dockerd.isAlive()) {
      dockerd.destroy();
      try {
        if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
          dockerd.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts the engine (again) on the same roots and waits until it answers. */
  void startEngine() {
    try {
      dockerd = new ProcessBuilder("/usr/sbin/dockerd", "--data-root", root.resolve("data").toString(),
          "--exec-root", root.resolve("x").toString(), "--pidfile", root.resolve("d.pid").toString(), "-H", host(),
          "--bridge", BRIDGE, "--iptables=false", "--ip-masq=false", "--shutdown-timeout", "2")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + START.toNanos();
    try (DockerRuntime runtime = runtime()) {
      while (!runtime.answers()) {
        if (!dockerd.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the test's dockerd did not start; see " + log);
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void bridge() {
    if (run("ip", "link", "show", BRIDGE) != 0) {
      run("ip", "link", "add", BRIDGE, "type", "bridge");
      run("ip", "addr", "add", "172.31.0.1/24", "dev", BRIDGE);
    }
    run("ip", "link", "set", BRIDGE, "up");
  }

  /** Stops the engine and removes its roots (the containers and volumes in them go with them). */
  @Override
  public void close() {
    stop();
    run("sh", "-c", "umount -R " + root.resolve("x") + " 2>/dev/null; umount -R " + root.resolve("data") + " 2>/dev/null; true");
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: left for the system
    }
    run("ip", "link", "del", BRIDGE);
  }

  private static int run(String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not end");
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
