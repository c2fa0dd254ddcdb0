package dev.gantry.cli;

import dev.gantry.core.cluster.NodeRole;
import dev.gantry.core.cluster.QueueNames;
import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.core.outbox.OutboxSettings;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.docker.DockerSettings;
import dev.gantry.docker.PullPolicy;
import dev.gantry.server.sourcehut.SourcehutSettings;
import dev.gantry.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Everything a Gantry process is configured with, validated once at start. {@code api} is null
 * for a worker (it serves no HTTP), {@code tasks} null for a server (it runs none);
 * {@code hostAccess} is checked by both: at submit, and before a run starts.
 */
record GantryConfig(NodeRole role, Database database, Api api, Tasks tasks, Duration heartbeat, HostAccessPolicy hostAccess,
    Identity identity) {

  static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

  /** A process whose node id is kept in its data dir when it has one (a standalone process). */
  GantryConfig(NodeRole role, Database database, Api api, Tasks tasks, Duration heartbeat, HostAccessPolicy hostAccess) {
    this(role, database, api, tasks, heartbeat, hostAccess, new Identity(null, database.dataDir()));
  }

  /** Where the node id comes from: {@code nodeId} (--node-id) when given, else {@code dir}/node-id, else a new one ({@link NodeIdentity}). */
  record Identity(String nodeId, Path dir) {}

  /**
   * Where the store is: PostgreSQL at {@code url}, or (standalone only) H2 in {@code dataDir}; and
   * the key that seals secrets at rest: {@code secretKey} itself (base64, {@code GANTRY_SECRET_KEY}),
   * else the file {@code secretKeyFile}, else (standalone) {@code <dataDir>/secret-key}; see {@link SecretKeyFile}.
   */
  record Database(Path dataDir, String url, String user, String password, Path secretKeyFile, String secretKey) {

    Database(Path dataDir, String url, String user, String password) {
      this(dataDir, url, user, password, null, null);
    }

    Database {
      secretKey = secretKey == null || secretKey.isBlank() ? null : secretKey.strip();
    }

    boolean usesPostgres() {
      return url != null && !url.isBlank();
    }

    StoreSettings storeSettings() {
      return usesPostgres() ? new StoreSettings(url, user, password, StoreSettings.DEFAULT_POOL_SIZE) : StoreSettings.h2File(dataDir);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
      return storeSettings().toString();
    }
  }

  /**
   * Whether the API requires a token and where the first admin token comes from: the secret
   * itself ({@code GANTRY_ADMIN_TOKEN}), else {@code adminTokenFile} (read when it exists, written
   * with a new token when not); null both: the database must hold an admin token already.
   */
  record Auth(boolean on, Path adminTokenFile, String adminSecret) {
    static final Auth OFF = new Auth(false, null, null);

    Auth {
      adminSecret = adminSecret == null || adminSecret.isBlank() ? null : adminSecret.strip();
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
      return "Auth[" + (on ? "on" : "off") + (adminTokenFile == null ? "" : ", " + adminTokenFile) + "]";
    }
  }

  /**
   * Where the HTTP API listens, how much it accepts, whether callers need a token, and where the
   * outgoing calls its process sends may go ({@code callTargets}; null: anywhere but internal
   * addresses when auth is on, anywhere when it is off) and how hard they are tried ({@code outbox});
   * {@code retention}: how long ended jobs are kept (null: until their own autoDelete, else for ever);
   * {@code sourcehut}: the builds.sr.ht dialect's settings (null: its defaults).
   */
  record Api(String bind, int port, long maxBodyBytes, Auth auth, CallTargetPolicy callTargets, OutboxSettings outbox,
      Duration retention, SourcehutSettings sourcehut) {
    Api(String bind, int port, long maxBodyBytes) {
      this(bind, port, maxBodyBytes, Auth.OFF);
    }

    Api(String bind, int port, long maxBodyBytes, Auth auth) {
      this(bind, port, maxBodyBytes, auth, null, null, null, null);
    }

    Api(String bind, int port, long maxBodyBytes, Auth auth, CallTargetPolicy callTargets, OutboxSettings outbox,
        Duration retention) {
      this(bind, port, maxBodyBytes, auth, callTargets, outbox, retention, null);
    }

    Api {
      auth = auth == null ? Auth.OFF : auth;
      callTargets = callTargets == null ? new CallTargetPolicy(!auth.on()) : callTargets;
      outbox = outbox == null ? OutboxSettings.DEFAULTS : outbox;
      sourcehut = sourcehut == null ? SourcehutSettings.defaults() : sourcehut;
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
      }
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException("--max-body must be at least 1k");
      }
    }
  }

  /**
   * How tasks are run: how many at once, from which queues, on which Docker engine; {@code
   * cancelGrace}: how long a stopped task has between SIGTERM and SIGKILL (zero: killed at once).
   */
  record Tasks(int concurrency, Set<String> queues, String dockerHost, PullPolicy pullPolicy, long maxOutputBytes,
      Duration lease, Duration shutdownGrace, Duration cancelGrace) {

    /** Tasks killed at once when stopped. */
    Tasks(int concurrency, Set<String> queues, String dockerHost, PullPolicy pullPolicy, long maxOutputBytes,
        Duration lease, Duration shutdownGrace) {
      this(concurrency, queues, dockerHost, pullPolicy, maxOutputBytes, lease, shutdownGrace, Duration.ZERO);
    }

    Tasks {
      cancelGrace = cancelGrace == null ? Duration.ZERO : cancelGrace;
      if (cancelGrace.isNegative() || cancelGrace.compareTo(DockerSettings.MAX_CANCEL_GRACE) > 0) {
        throw new IllegalArgumentException("--cancel-grace must be between 0s and 10m, got " + cancelGrace);
      }
      queues = Set.copyOf(queues);
      if (concurrency < 1 || concurrency > 1024) {
        throw new IllegalArgumentException("--concurrency (--slots) must be between 1 and 1024, got " + concurrency);
      }
      if (queues.isEmpty()) {
        throw new IllegalArgumentException("--queues names no queue: give at least one, e.g. --queues default,gpu");
      }
      for (String queue : queues) {
        if (!QueueNames.isWellFormed(queue)) {
          throw new IllegalArgumentException("--queues: '" + queue + "' is not a queue name (" + QueueNames.RULE + ")");
        }
      }
      if (lease.toMillis() < 1000) {
        throw new IllegalArgumentException("--lease must be at least 1s");
      }
    }
  }

  GantryConfig {
    hostAccess = hostAccess == null ? HostAccessPolicy.NONE : hostAccess;
    identity = identity == null ? new Identity(null, null) : identity;
    if (heartbeat.toMillis() < 100) {
      throw new IllegalArgumentException("--heartbeat must be at least 100ms");
    }
    if ((api == null) != (role == NodeRole.WORKER)) {
      throw new IllegalArgumentException("servers and standalone processes serve the API, workers do not; not " + role);
    }
    if ((tasks == null) != (role == NodeRole.SERVER)) {
      throw new IllegalArgumentException("workers and standalone processes run tasks, servers do not; not " + role);
    }
    if (role != NodeRole.STANDALONE && !database.usesPostgres()) {
      throw new IllegalArgumentException("a " + role.name().toLowerCase() + " shares a PostgreSQL database: give --db-url");
    }
  }

  /** A standalone process on the default queue with the default heartbeat: what the tests start in-process. */
  GantryConfig(String bind, int port, Path dataDir, String dbUrl, String dbUser, String dbPassword, int slots, String dockerHost,
      PullPolicy pullPolicy, long maxOutputBytes, long maxBodyBytes, Duration lease, Duration shutdownGrace) {
    this(NodeRole.STANDALONE, new Database(dataDir, dbUrl, dbUser, dbPassword), new Api(bind, port, maxBodyBytes),
        new Tasks(slots, Set.of(TaskSpec.DEFAULT_QUEUE), dockerHost, pullPolicy, maxOutputBytes, lease, shutdownGrace),
        DEFAULT_HEARTBEAT, HostAccessPolicy.NONE);
  }
}
