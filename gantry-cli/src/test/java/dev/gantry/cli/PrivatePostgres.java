package dev.gantry.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, in a temporary directory on a free port, that the test
 * may stop and start: restarting the shared test server would break whatever else uses it at the
 * time. Needs the PostgreSQL binaries ({@code /usr/lib/postgresql/N/bin}, as .ci/services installs
 * them); as root, the server runs as the {@code postgres} user, since PostgreSQL refuses root.
 */
final class PrivatePostgres implements AutoCloseable {

  private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
  private static final String SERVICE_USER = "postgres";

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final boolean asServiceUser;

  private PrivatePostgres(Path bin, Path dataDir, int port, boolean asServiceUser) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.asServiceUser = asServiceUser;
  }

  /** Creates, starts and returns a new server with an empty database {@code gantry}; skips (or fails under CI) without the binaries. */
  static PrivatePostgres start() {
    Path bin = newestBinaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dataDir = Files.createTempDirectory("gantry-postgres-");
      if (root) {
        UserPrincipal owner = dataDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVICE_USER);
        Files.setOwner(dataDir, owner);
      }
      PrivatePostgres postgres = new PrivatePostgres(bin, dataDir, freePort(), root);
      postgres.run("initdb", "-D", dataDir.toString(), "-A", "trust", "-U", "gantry", "--no-sync");
      postgres.startServer();
      try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port + "/postgres?user=gantry");
          Statement statement = admin.createStatement()) {
        statement.execute("create database gantry");
      }
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("the private PostgreSQL does not answer", e);
    }
  }

  /** The JDBC URL of its {@code gantry} database, credentials included. */
  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/gantry?user=gantry";
  }

  /** Stops the server as an operator's restart does: every connection is ended at once. */
  void stopServer() {
    run("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "stop");
  }

  void startServer() {
    run("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(), "-w", "-o",
        "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
  }

  @Override
  public void close() {
    try {
      run("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
    } catch (IllegalStateException alreadyStopped) {
      // nothing to stop
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void run(String program, String... args) {
    List<String> command = new ArrayList<>();
    if (asServiceUser) {
      command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(String.join(" ", command) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path newestBinaries() {
    try (Stream<Path> versions = Files.isDirectory(INSTALLATIONS) ? Files.list(INSTALLATIONS) : Stream.empty()) {
      return versions.filter(v -> v.getFileName().toString().matches("\\d+") && Files.isExecutable(v.resolve("bin/pg_ctl")))
          .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
          .map(v -> v.resolve("bin"))
          .orElseGet(() -> {
            Services.missing("the PostgreSQL server binaries (" + INSTALLATIONS + "/N/bin; apt-get install postgresql)");
            throw new IllegalStateException("unreachable");
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
