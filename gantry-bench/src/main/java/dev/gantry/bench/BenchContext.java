package dev.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What every figure needs: the Gantry jar, a scratch directory, the engine, and PostgreSQL. */
final class BenchContext implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path jar;
  private final Path work;
  private final String postgresUrl;
  private final DirectDocker docker;
  private final List<String> schemas = new ArrayList<>();
  private final long began = System.nanoTime();

  BenchContext(Path jar, Path work, String dockerHost, String postgresUrl) {
    this.jar = jar;
    this.work = work;
    this.postgresUrl = postgresUrl;
    this.docker = new DirectDocker(dockerHost);
  }

  Path jar() {
    return jar;
  }

  DirectDocker docker() {
    return docker;
  }

  /** A new empty directory under the scratch directory. */
  Path newDir(String label) throws IOException {
    return Files.createDirectories(work.resolve(label + "-" + UUID.randomUUID().toString().substring(0, 8)));
  }

  /** {@code gantry standalone} as a process on a free port with H2 in {@code dataDir}, healthy. */
  ServerProcess startGantry(String label, Path dataDir, String... options) throws IOException, InterruptedException {
    return startGantry(label, dataDir, true, options);
  }

  /** As {@link #startGantry(String, Path, String...)}, with or without the class archive bin/gantry records. */
  ServerProcess startGantry(String label, Path dataDir, boolean classArchive, String... options)
      throws IOException, InterruptedException {
    int port = ServerProcess.freePort();
    List<String> args = new ArrayList<>(List.of("standalone", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
    args.addAll(List.of(options));
    return ServerProcess.start(ServerProcess.javaJar(jar, classArchive, args.toArray(String[]::new)), port,
        work.resolve(label + "-" + port + ".log"), START_TIMEOUT);
  }

  /** {@code gantry server} (the API and maintenance, no worker) as a process on PostgreSQL {@code dbUrl}, healthy. */
  ServerProcess startServer(String label, String dbUrl, Map<String, String> env) throws IOException, InterruptedException {
    int port = ServerProcess.freePort();
    return ServerProcess.start(ServerProcess.javaJar(jar, "server", "--port", Integer.toString(port), "--db-url", dbUrl), env,
        port, work.resolve(label + "-" + port + ".log"), START_TIMEOUT);
  }

  /** {@code gantry worker} as a process on PostgreSQL {@code dbUrl} and this bench's engine, started. */
  WorkerProcess startWorker(String label, String dbUrl, Map<String, String> env) throws IOException, InterruptedException {
    return WorkerProcess.start(ServerProcess.javaJar(jar, "worker", "--db-url", dbUrl), env,
        work.resolve(label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".log"), START_TIMEOUT);
  }

  /**
   * A JDBC URL of a new, empty PostgreSQL schema (dropped when the bench ends), for
   * {@code --db-url}; null when no PostgreSQL was given.
   */
  String newPostgresSchema() throws SQLException {
    if (postgresUrl == null) {
      return null;
    }
    String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(postgresUrl); Statement statement = connection.createStatement()) {
      statement.execute("create schema " + schema);
    }
    schemas.add(schema);
    return postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** A progress line on stderr, so that stdout is only the table. */
  void progress(String format, Object... args) {
    System.err.printf("[bench %5.0fs] %s%n", (System.nanoTime() - began) / 1e9, String.format(format, args));
  }

  @Override
  public void close() throws IOException {
    if (postgresUrl != null && !schemas.isEmpty()) {
      try (Connection connection = DriverManager.getConnection(postgresUrl); Statement statement = connection.createStatement()) {
        for (String schema : schemas) {
          statement.execute("drop schema if exists " + schema + " cascade");
        }
      } catch (SQLException e) {
        progress("could not drop the bench schemas %s: %s", schemas, e.getMessage());
      }
    }
    docker.close();
  }
}
