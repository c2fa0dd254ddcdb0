package dev.gantry.cli;

import dev.gantry.store.SecretCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that seals secrets at rest: {@code GANTRY_SECRET_KEY}, else the file of
 * {@code --secret-key-file}, else (standalone) {@code <data-dir>/secret-key}, made at the first
 * start (mode 0600) and logged by its path, never its value. A server or worker shares its
 * database with other processes, which must all have the same key: it never makes one of its own.
 */
final class SecretKeyFile {

  static final String DEFAULT_NAME = "secret-key";
  private static final Logger log = LoggerFactory.getLogger(SecretKeyFile.class);

  private SecretKeyFile() {}

  /**
   * The process's key: its cipher, and the file it was just written to (null when it was not made
   * now), for the start to log once it has started (a failed start prints its one error line only).
   */
  record Key(SecretCipher cipher, Path madeNow) {

    /** Says where the new key is, never what it is. */
    void logIfMade() {
      if (madeNow != null) {
        log.info("a new secret key (it encrypts job secrets at rest) was written to {} (readable by this user only): back it"
            + " up; without it the stored secrets cannot be read", madeNow.toAbsolutePath());
      }
    }
  }

  /**
   * The process's key. {@code trial} (--check): writes nothing; a key still to be made is then
   * null (the store is opened without one, which a check does not need).
   */
  static Key load(GantryConfig.Database database, boolean trial) {
    if (database.secretKey() != null) {
      return new Key(SecretCipher.fromBase64(database.secretKey(), "GANTRY_SECRET_KEY"), null);
    }
    boolean own = database.dataDir() != null;
    Path file = database.secretKeyFile() != null ? database.secretKeyFile() : own ? database.dataDir().resolve(DEFAULT_NAME) : null;
    if (file == null) {
      throw new IllegalArgumentException("this process shares its database with others, and they must all encrypt secrets with"
          + " the same key: set GANTRY_SECRET_KEY or give --secret-key-file FILE (the base64 of 32 random bytes, e.g."
          + " `head -c 32 /dev/urandom | base64 > FILE`), the same on every server and worker");
    }
    if (Files.exists(file)) {
      return new Key(SecretCipher.fromBase64(read(file), "the secret key file " + file.toAbsolutePath()), null);
    }
    if (!own) {
      throw new IllegalArgumentException("the secret key file " + file.toAbsolutePath() + " does not exist; a server or worker"
          + " never makes its own key, since every process sharing the database needs the same one: copy the key file of the"
          + " others, or make one for all with `head -c 32 /dev/urandom | base64 > FILE`");
    }
    if (trial) {
      log.debug("a start would write a new secret key to {}", file.toAbsolutePath());
      return new Key(null, null);
    }
    String key = SecretCipher.newKeyBase64();
    PrivateFile.create(file, key, "secret key");
    return new Key(SecretCipher.fromBase64(key, "the secret key file " + file.toAbsolutePath()), file);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the secret key file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }
}
