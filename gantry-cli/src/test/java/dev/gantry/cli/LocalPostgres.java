package dev.gantry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL server on this machine, stopped and started as a crash and a restart would, with
 * Debian's {@code pg_ctlcluster} (as root). A test that cannot do this is skipped with the reason,
 * or fails under CI, where {@code .ci/services} sets it up.
 */
final class LocalPostgres {

  private final String version;

  private LocalPostgres(String version) {
    this.version = version;
  }

  /** The newest local cluster, if the test database is on this machine and this user may restart it. */
  static LocalPostgres require(String testDatabaseUrl) {
    Path clusters = Path.of("/etc/postgresql");
    if (testDatabaseUrl == null || !(testDatabaseUrl.contains("//127.0.0.1") || testDatabaseUrl.contains("//localhost"))) {
      Services.missing("the test PostgreSQL on this machine (127.0.0.1 or localhost) to restart it");
    }
    if (!Files.isDirectory(clusters) || !"root".equals(System.getProperty("user.name"))) {
      Services.missing("a local PostgreSQL cluster (/etc/postgresql) and root, to restart it with pg_ctlcluster");
    }
    try (Stream<Path> versions = Files.list(clusters)) {
      String newest = versions.map(p -> p.getFileName().toString()).filter(v -> v.matches("\\d+"))
          .max(Comparator.comparingInt(Integer::parseInt))
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL cluster under " + clusters));
      return new LocalPostgres(newest);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + clusters, e);
    }
  }

  /** Stops the server, ending every connection at once (fast shutdown). */
  void stop() {
    pgCtlCluster("stop", "-m", "fast");
  }

  void start() {
    pgCtlCluster("start");
  }

  private void pgCtlCluster(String... action) {
    List<String> command = Stream.concat(Stream.of("pg_ctlcluster", version, "main"), Stream.of(action)).toList();
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
