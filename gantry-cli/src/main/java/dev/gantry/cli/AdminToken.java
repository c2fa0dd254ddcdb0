package dev.gantry.cli;

import dev.gantry.core.auth.IssuedToken;
import dev.gantry.core.auth.TokenService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin token a process with authentication on starts with: the operator's
 * ({@code GANTRY_ADMIN_TOKEN} or a file), or on a first start a new one written to a file only
 * its owner can read. The secret is never logged, only where it is.
 */
final class AdminToken {

  private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

  private AdminToken() {}

  static void bootstrap(TokenService tokens, GantryConfig.Auth auth) {
    if (auth.adminSecret() != null) {
      tokens.acceptAdminSecret(auth.adminSecret());
      log.info("authentication on; admin token from GANTRY_ADMIN_TOKEN");
      return;
    }
    Path file = auth.adminTokenFile();
    if (file != null && Files.exists(file)) {
      tokens.acceptAdminSecret(read(file));
      log.info("authentication on; admin token in {}", file.toAbsolutePath());
      return;
    }
    Optional<IssuedToken> first = tokens.createFirstAdminToken();
    if (first.isEmpty()) {
      log.info("authentication on; the database holds an admin token already{}", file == null ? ""
          : " (" + file.toAbsolutePath() + " does not exist: an admin makes new tokens with POST /auth/tokens)");
      return;
    }
    if (file == null) {
      throw new IllegalArgumentException("authentication is on and the database holds no admin token yet: set GANTRY_ADMIN_TOKEN"
          + " or give --admin-token-file FILE (a FILE that does not exist gets a new admin token)");
    }
    write(file, first.get().secret());
    log.info("authentication on; a new admin token was written to {} (readable by this user only)", file.toAbsolutePath());
  }

  private static String read(Path file) {
    try {
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("the admin token file " + file + " is empty: remove it to get a new token, or put one in it");
      }
      return secret;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the admin token file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Created 0600 from the start (where the file system knows POSIX modes), so the secret is never readable by others. */
  private static void write(Path file, String secret) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("the admin token file " + file + " appeared meanwhile: start again", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the admin token file " + file + ": " + e.getMessage(), e);
    }
  }
}
