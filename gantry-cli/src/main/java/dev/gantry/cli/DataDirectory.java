package dev.gantry.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The embedded database's directory, made before H2 opens it: H2 reports a directory it cannot
 * create with pages of traces on stderr, this with one line that names --data-dir.
 */
final class DataDirectory {

  private DataDirectory() {}

  /** Creates the data directory of an H2 database if needed; nothing for PostgreSQL. */
  static void prepare(GantryConfig.Database database) {
    if (database.usesPostgres()) {
      return;
    }
    Path dir = database.dataDir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CommandFailure("cannot create --data-dir " + dir + " (" + reason(e) + "): give a directory this user may create"
          + " or write, with --data-dir or GANTRY_DATA_DIR");
    }
    if (!Files.isWritable(dir)) {
      throw new CommandFailure("--data-dir " + dir + " is not writable by this user: give one that is, with --data-dir or GANTRY_DATA_DIR");
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (e instanceof NoSuchFileException missing) {
      return "could not create " + missing.getFile();
    }
    if (e instanceof FileSystemException fs) {
      return (fs.getReason() == null ? e.getClass().getSimpleName() : fs.getReason()) + ": " + fs.getFile();
    }
    return e.getMessage();
  }
}
