package dev.gantry.cli;

import dev.gantry.store.PostgresSignals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The PostgreSQL session on which one Gantry OS process listens for notifications, found by its
 * application name and by the client port of one of that process's own sockets (other test runs
 * on this database listen too: only this process's session may be terminated).
 */
final class ListeningSession {

  private static final int POSTGRES_PORT = 5432;

  private ListeningSession() {}

  /** The backend pid of {@code processPid}'s listening session, if it has one now. */
  static Optional<Long> of(long processPid, String databaseUrl) throws SQLException {
    Set<Integer> ports = clientPorts(processPid);
    try (Connection connection = DriverManager.getConnection(databaseUrl);
        Statement statement = connection.createStatement();
        ResultSet sessions = statement.executeQuery("select pid, client_port from pg_stat_activity where application_name = '"
            + PostgresSignals.APPLICATION_NAME + "' and datname = current_database()")) {
      while (sessions.next()) {
        if (ports.contains(sessions.getInt(2))) {
          return Optional.of(sessions.getLong(1));
        }
      }
    }
    return Optional.empty();
  }

  /** What a database restart or a cut network does to the session. */
  static void terminate(long backendPid, String databaseUrl) throws SQLException {
    try (Connection connection = DriverManager.getConnection(databaseUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("select pg_terminate_backend(" + backendPid + ")");
    }
  }

  /** The local ports of the process's TCP connections to PostgreSQL, from /proc. */
  private static Set<Integer> clientPorts(long pid) {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor went away while listed
        }
      }
      Set<Integer> ports = new HashSet<>();
      for (String table : List.of("tcp", "tcp6")) {
        Path file = Path.of("/proc", Long.toString(pid), "net", table);
        if (!Files.exists(file)) {
          continue;
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
          String[] fields = line.trim().split("\\s+");
          if (fields.length > 9 && inodes.contains(fields[9]) && port(fields[2]) == POSTGRES_PORT) {
            ports.add(port(fields[1]));
          }
        }
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the sockets of process " + pid, e);
    }
  }

  /** The port of a /proc/net/tcp address such as {@code 0100007F:1538}. */
  private static int port(String address) {
    return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
  }
}
