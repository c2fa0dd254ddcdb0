package dev.gantry.cli;

import dev.gantry.core.engine.Ids;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's node id, which a worker's restart keeps so that the new process takes over the
 * tasks the old one left running: {@code --node-id} when given, else the id in
 * {@code <data-dir>/node-id} (made at the first start), else a new one. The data dir's id is held
 * with a lock on {@code node-id.lock} for the life of the process, which the system drops when it
 * dies (kill -9 too): two processes on one machine never hold the same id from it; one that finds
 * it locked runs under a new id and says so. Across machines, the store's node epoch keeps a
 * second holder of an id from owning runs (see {@code Store#takeOverNode}).
 */
final class NodeIdentity implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeIdentity.class);
  static final String FILE = "node-id";

  private final String id;
  private final FileChannel lockFile;
  private final boolean kept;

  private NodeIdentity(String id, FileChannel lockFile, boolean kept) {
    this.id = id;
    this.lockFile = lockFile;
    this.kept = kept;
  }

  /** {@code given}: --node-id (null when not given); {@code dataDir}: where the id is kept (null: nowhere). */
  static NodeIdentity of(String given, Path dataDir) {
    if (given != null && !given.isBlank()) {
      if (!Ids.isWellFormed(given.strip())) {
        throw new CommandFailure("--node-id '" + given + "' is not a node id: 1 to 64 letters, digits, '-' or '_'");
      }
      return new NodeIdentity(given.strip(), null, true);
    }
    if (dataDir == null) {
      return new NodeIdentity(Ids.newId(), null, false);
    }
    return kept(dataDir);
  }

  private static NodeIdentity kept(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(dataDir.resolve(FILE + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        String fresh = Ids.newId();
        log.warn("the node id in {} is held by another running process: this one runs as a new node {}, whose running tasks"
            + " a restart does not take over; give each worker its own --data-dir or --node-id", file, fresh);
        return new NodeIdentity(fresh, null, false);
      }
      String id = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
      if (!Ids.isWellFormed(id)) {
        if (!id.isEmpty()) {
          log.warn("{} does not hold a node id ('{}'): making a new one", file, id.length() > 64 ? id.substring(0, 64) : id);
        }
        id = Ids.newId();
        Path written = Files.writeString(dataDir.resolve(FILE + ".new"), id + "\n", StandardCharsets.UTF_8);
        Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return new NodeIdentity(id, channel, true);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new CommandFailure("cannot keep the node id in " + file + " (" + e.getMessage() + "): give a writable --data-dir,"
          + " or the id itself with --node-id");
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      return null;
    }
  }

  String id() {
    return id;
  }

  /** Whether a restart keeps this id (given, or kept in the data dir). */
  boolean kept() {
    return kept;
  }

  @Override
  public void close() {
    closeQuietly(lockFile);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("closing the node id lock failed: {}", e.toString());
      }
    }
  }
}
