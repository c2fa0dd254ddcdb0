package dev.gantry.cli;

import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.core.outbox.OutboxSettings;
import dev.gantry.core.spec.ByteSize;
import dev.gantry.core.spec.Durations;
import java.net.InetAddress;
import java.time.Duration;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The HTTP API's options: {@code standalone} and {@code server}. */
final class ApiOptions {

  @Option(names = "--port", defaultValue = "${env:GANTRY_PORT:-8000}", description = "HTTP port (env GANTRY_PORT; default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", defaultValue = "${env:GANTRY_BIND:-127.0.0.1}", description = "address to listen on (env GANTRY_BIND; default ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--auth", defaultValue = "${env:GANTRY_AUTH}", paramLabel = "on|off",
      description = "require an API token on every call but /health and /ping (env GANTRY_AUTH); on by default unless"
          + " --bind is a loopback address; off is refused with a non-loopback --bind")
  String auth;

  @Option(names = "--admin-token-file", defaultValue = "${env:GANTRY_ADMIN_TOKEN_FILE}", paramLabel = "FILE",
      description = "with auth on: the admin token is in FILE; when FILE does not exist, a new admin token is written"
          + " there (mode 0600) unless the database has one; for standalone <data-dir>/admin-token by default."
          + " GANTRY_ADMIN_TOKEN (env only) gives the token itself")
  Path adminTokenFile;

  @Option(names = "--allow-remote", hidden = true, defaultValue = "${env:GANTRY_ALLOW_REMOTE:-false}",
      description = "deprecated and ignored: a non-loopback --bind now turns authentication on")
  boolean allowRemote;

  @Option(names = "--allow-private-callbacks", defaultValue = "${env:GANTRY_ALLOW_PRIVATE_CALLBACKS}", paramLabel = "true|false",
      arity = "0..1", fallbackValue = "true",
      description = "let outgoing calls (Hades callbacks, webhooks) reach loopback, link-local, private and unique-local"
          + " addresses (env GANTRY_ALLOW_PRIVATE_CALLBACKS); by default only when auth is off, which is only on loopback")
  String allowPrivateCallbacks;

  @Option(names = "--outbox-lease", hidden = true, defaultValue = "${env:GANTRY_OUTBOX_LEASE:-2m}",
      description = "how long a sender holds an outgoing call it is sending: after a crash, the call is sent again once"
          + " this has passed (env GANTRY_OUTBOX_LEASE; default ${DEFAULT-VALUE})")
  String outboxLease;

  @Option(names = "--retention", defaultValue = "${env:GANTRY_RETENTION}", paramLabel = "DURATION",
      description = "delete ended jobs (with their runs, logs and outgoing calls) this long after they ended, e.g. 30d"
          + " (env GANTRY_RETENTION; default: keep them, unless a job asks for autoDelete)")
  String retention;

  @Mixin SourcehutOptions sourcehut = new SourcehutOptions();

  @Option(names = "--max-body", defaultValue = "${env:GANTRY_MAX_BODY:-1m}", description = "largest accepted request body (env GANTRY_MAX_BODY; default ${DEFAULT-VALUE})")
  String maxBody;

  /** {@code defaultTokenFile}: where the admin token is kept when {@code --admin-token-file} is not given (null: nowhere). */
  GantryConfig.Api api(Path defaultTokenFile) throws UnknownHostException {
    boolean loopback = InetAddress.getByName(bind).isLoopbackAddress();
    boolean authOn = authOn(loopback);
    if (allowRemote) {
      LoggerFactory.getLogger(ApiOptions.class).warn("--allow-remote (GANTRY_ALLOW_REMOTE) is deprecated and does nothing:"
          + " Gantry has authentication, which is on for a non-loopback --bind; drop the option");
    }
    GantryConfig.Auth authConfig = authOn
        ? new GantryConfig.Auth(true, adminTokenFile != null ? adminTokenFile : defaultTokenFile, System.getenv("GANTRY_ADMIN_TOKEN"))
        : GantryConfig.Auth.OFF;
    OutboxSettings d = OutboxSettings.DEFAULTS;
    OutboxSettings outbox = new OutboxSettings(d.maxAttempts(), d.firstPause(), d.maxPause(), d.maxAge(),
        Durations.parse(outboxLease));
    Duration kept = retention == null || retention.isBlank() ? null : retention(retention.strip());
    if (kept != null && (kept.isNegative() || kept.isZero())) {
      throw new IllegalArgumentException("--retention must be more than 0, e.g. 30d, not '" + retention + "'");
    }
    return new GantryConfig.Api(bind, port, ByteSize.parse(maxBody), authConfig, new CallTargetPolicy(allowPrivate(authOn)),
        outbox, kept, sourcehut.settings());
  }

  /** Days ({@code 30d}) or a duration as everywhere else ({@code 12h}). */
  private static Duration retention(String text) {
    if (text.matches("[0-9]{1,5}d")) {
      return Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--retention: '" + text + "' is not a duration: use days (30d) or e.g. 12h");
    }
  }

  private boolean allowPrivate(boolean authOn) {
    if (allowPrivateCallbacks == null || allowPrivateCallbacks.isBlank()) {
      return !authOn;
    }
    return switch (allowPrivateCallbacks.strip().toLowerCase()) {
      case "true", "on", "yes" -> true;
      case "false", "off", "no" -> false;
      default -> throw new IllegalArgumentException("--allow-private-callbacks must be true or false, not '"
          + allowPrivateCallbacks + "'");
    };
  }

  private boolean authOn(boolean loopback) {
    if (auth == null || auth.isBlank()) {
      return !loopback;
    }
    return switch (auth.strip().toLowerCase()) {
      case "on" -> true;
      case "off" -> {
        if (!loopback) {
          throw new IllegalArgumentException("--auth off is refused with --bind " + bind + ", which is not a loopback address:"
              + " without authentication anyone who reaches the port can run containers; bind to 127.0.0.1 or leave auth on");
        }
        yield false;
      }
      default -> throw new IllegalArgumentException("--auth must be on or off, not '" + auth + "'");
    };
  }
}
