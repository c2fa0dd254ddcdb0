package dev.gantry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the database is: the options every process command shares ({@code standalone} also has {@code --data-dir}). */
final class DatabaseOptions {

  @Option(names = "--db-url", defaultValue = "${env:GANTRY_DB_URL}",
      description = "JDBC URL of the PostgreSQL database (env GANTRY_DB_URL), e.g.%n  jdbc:postgresql://db:5432/gantry")
  String url;

  @Option(names = "--db-user", defaultValue = "${env:GANTRY_DB_USER}", description = "database user (env GANTRY_DB_USER)")
  String user;

  @Option(names = "--db-password", defaultValue = "${env:GANTRY_DB_PASSWORD}",
      description = "database password (env GANTRY_DB_PASSWORD; prefer the env var)")
  String password;

  @Option(names = "--secret-key-file", defaultValue = "${env:GANTRY_SECRET_KEY_FILE}", paramLabel = "FILE",
      description = "the key that encrypts job secrets at rest (base64 of 32 bytes) is in FILE (env GANTRY_SECRET_KEY_FILE);"
          + " GANTRY_SECRET_KEY (env only) gives the key itself; a standalone process makes and uses <data-dir>/secret-key"
          + " by default; server and worker need one of the two, the same on every process")
  Path secretKeyFile;

  /** The database of a standalone process: PostgreSQL when --db-url is given, else H2 in {@code dataDir}. */
  GantryConfig.Database database(Path dataDir) {
    return new GantryConfig.Database(dataDir.toAbsolutePath(), url, user, password, secretKeyFile, System.getenv("GANTRY_SECRET_KEY"));
  }

  /** The database of a process that shares it with others: PostgreSQL, required. */
  GantryConfig.Database shared(String command) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("gantry " + command + " needs --db-url jdbc:postgresql://host:5432/database"
          + " (env GANTRY_DB_URL): servers and workers share one PostgreSQL database; `gantry standalone` runs on H2 alone");
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("gantry " + command + " needs a PostgreSQL --db-url (jdbc:postgresql://...):"
          + " an embedded H2 database cannot be shared between processes; `gantry standalone` runs on H2 alone");
    }
    return new GantryConfig.Database(null, url, user, password, secretKeyFile, System.getenv("GANTRY_SECRET_KEY"));
  }
}
