package dev.gantry.cli;

import dev.gantry.core.auth.TokenService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** {@code trial} (--check): finds out whether a start could get its admin token, but stores and writes nothing. */
  static void bootstrap(TokenService tokens, GantryConfig.Auth auth, boolean trial) {
    if (auth.adminSecret() != null) {
      TokenService.checkOperatorSecret(auth.adminSecret());
      if (!trial) {
        tokens.acceptAdminSecret(auth.adminSecret());
      }
      say(trial, "authentication on; admin token from GANTRY_ADMIN_TOKEN");
      return;
    }
    Path file = auth.adminTokenFile();
    if (file != null && Files.exists(file)) {
      String secret = read(file);
      TokenService.checkOperatorSecret(secret);
      if (!trial) {
        tokens.acceptAdminSecret(secret);
      }
      say(trial, "authentication on; admin token in " + file.toAbsolutePath());
      return;
    }
    if (tokens.hasValidAdminToken()) {
      say(trial, "authentication on; the database holds an admin token already" + (file == null ? ""
          : " (" + file.toAbsolutePath() + " does not exist: an admin makes new tokens with POST /auth/tokens)"));
      return;
    }
    if (file == null) {
      throw new IllegalArgumentException("authentication is on and the database holds no admin token yet: set GANTRY_ADMIN_TOKEN"
          + " or give --admin-token-file FILE (a FILE that does not exist gets a new admin token)");
    }
    if (trial) {
      say(true, "authentication on; a start would write a new admin token to " + file.toAbsolutePath());
      return;
    }
    tokens.createFirstAdminToken().ifPresent(first -> PrivateFile.create(file, first.secret(), "admin token"));
    log.info("authentication on; a new admin token was written to {} (readable by this user only)", file.toAbsolutePath());
  }

  /** A check (--check) says it only at DEBUG: its output is its verdict. */
  private static void say(boolean trial, String message) {
    if (trial) {
      log.debug(message);
    } else {
      log.info(message);
    }
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
}
