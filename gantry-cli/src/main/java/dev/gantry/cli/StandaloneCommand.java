package dev.gantry.cli;

import dev.gantry.core.spec.ByteSize;
import dev.gantry.core.spec.Durations;
import dev.gantry.docker.PullPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry standalone}: API, worker and maintenance in one process. */
@Command(name = "standalone", mixinStandardHelpOptions = true,
    description = "Run the API, a worker and the maintenance loops in one process (H2 database in --data-dir by default).")
final class StandaloneCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "${env:GANTRY_PORT:-8000}", description = "HTTP port (env GANTRY_PORT; default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", defaultValue = "${env:GANTRY_BIND:-127.0.0.1}", description = "address to listen on (env GANTRY_BIND; default ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--allow-remote", defaultValue = "${env:GANTRY_ALLOW_REMOTE:-false}",
      description = "allow --bind to a non-loopback address although Gantry has no authentication yet (env GANTRY_ALLOW_REMOTE)")
  boolean allowRemote;

  @Option(names = "--data-dir", defaultValue = "${env:GANTRY_DATA_DIR:-gantry-data}",
      description = "directory of the embedded H2 database (env GANTRY_DATA_DIR; default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--db-url", defaultValue = "${env:GANTRY_DB_URL}", description = "JDBC URL of a PostgreSQL database instead of H2, e.g. jdbc:postgresql://db:5432/gantry (env GANTRY_DB_URL)")
  String dbUrl;

  @Option(names = "--db-user", defaultValue = "${env:GANTRY_DB_USER}", description = "database user (env GANTRY_DB_USER)")
  String dbUser;

  @Option(names = "--db-password", defaultValue = "${env:GANTRY_DB_PASSWORD}", description = "database password (env GANTRY_DB_PASSWORD; prefer the env var)")
  String dbPassword;

  @Option(names = "--slots", defaultValue = "${env:GANTRY_SLOTS:-4}", description = "tasks run at once (env GANTRY_SLOTS; default ${DEFAULT-VALUE})")
  int slots;

  @Option(names = "--docker-host", defaultValue = "${env:DOCKER_HOST:-unix:///var/run/docker.sock}", description = "Docker engine (env DOCKER_HOST; default ${DEFAULT-VALUE})")
  String dockerHost;

  @Option(names = "--pull-policy", defaultValue = "${env:GANTRY_PULL_POLICY:-if-not-present}",
      description = "when to pull task images: always, if-not-present, never (env GANTRY_PULL_POLICY; default ${DEFAULT-VALUE})")
  String pullPolicy;

  @Option(names = "--max-output", defaultValue = "${env:GANTRY_MAX_OUTPUT:-64m}", description = "output kept per task run; the rest is dropped with an [output truncated] line (env GANTRY_MAX_OUTPUT; default ${DEFAULT-VALUE})")
  String maxOutput;

  @Option(names = "--max-body", defaultValue = "${env:GANTRY_MAX_BODY:-1m}", description = "largest accepted request body (env GANTRY_MAX_BODY; default ${DEFAULT-VALUE})")
  String maxBody;

  @Option(names = "--lease", defaultValue = "${env:GANTRY_LEASE:-15s}", description = "how long a task run stays claimed by a worker that stopped renewing it (env GANTRY_LEASE; default ${DEFAULT-VALUE})")
  String lease;

  @Option(names = "--shutdown-grace", defaultValue = "${env:GANTRY_SHUTDOWN_GRACE:-10s}", description = "how long a stop waits for running tasks before handing them back to the queue (env GANTRY_SHUTDOWN_GRACE; default ${DEFAULT-VALUE})")
  String shutdownGrace;

  @Override
  public Integer call() throws Exception {
    GantryConfig config = config();
    Gantry gantry = Gantry.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gantry.close();
      stopped.countDown();
    }, "gantry-shutdown"));
    stopped.await();
    return 0;
  }

  GantryConfig config() throws UnknownHostException {
    if (!allowRemote && !InetAddress.getByName(bind).isLoopbackAddress()) {
      throw new IllegalArgumentException("--bind " + bind + " is not a loopback address and Gantry has no authentication yet;"
          + " add --allow-remote to accept that anyone who reaches the port can run containers");
    }
    return new GantryConfig(bind, port, dataDir.toAbsolutePath(), dbUrl, dbUser, dbPassword, slots, dockerHost,
        PullPolicy.parse(pullPolicy), ByteSize.parse(maxOutput), ByteSize.parse(maxBody),
        positive("--lease", Durations.parse(lease)), Durations.parse(shutdownGrace));
  }

  private static Duration positive(String option, Duration d) {
    if (d.toMillis() < 1000) {
      throw new IllegalArgumentException(option + " must be at least 1s");
    }
    return d;
  }
}
