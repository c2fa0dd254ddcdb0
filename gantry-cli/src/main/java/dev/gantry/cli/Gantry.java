package dev.gantry.cli;

import dev.gantry.core.auth.TokenService;
import dev.gantry.core.auth.UserService;
import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.core.engine.ClusterService;
import dev.gantry.core.engine.Housekeeping;
import dev.gantry.core.engine.Ids;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.EngineReaper;
import dev.gantry.core.engine.LeaseReaper;
import dev.gantry.core.engine.LeftoverSweeper;
import dev.gantry.core.engine.LocalSignals;
import dev.gantry.core.engine.LogFeed;
import dev.gantry.core.engine.Maintenance;
import dev.gantry.core.engine.OutboxSender;
import dev.gantry.core.engine.RetentionSweeper;
import dev.gantry.server.outbound.OutgoingCalls;
import dev.gantry.core.engine.NodeHeartbeat;
import dev.gantry.core.engine.NodeReaper;
import dev.gantry.core.engine.RunProgress;
import dev.gantry.core.definition.DefinitionService;
import dev.gantry.core.engine.ScheduleFirer;
import dev.gantry.core.engine.StartReleaser;
import dev.gantry.core.engine.ScheduleService;
import dev.gantry.core.engine.Worker;
import dev.gantry.core.engine.WorkerSettings;
import dev.gantry.core.spi.MaintenanceLock;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.WorkMetrics;
import dev.gantry.docker.DockerRuntime;
import dev.gantry.docker.DockerSettings;
import dev.gantry.server.Authenticator;
import dev.gantry.server.GantryServer;
import dev.gantry.server.ServerSettings;
import dev.gantry.server.metrics.PrometheusMetrics;
import dev.gantry.store.AdvisoryLock;
import dev.gantry.store.JdbcStore;
import dev.gantry.store.PostgresSignals;
import dev.gantry.store.StoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gantry process, wired by hand: a standalone process has every part; a server the
 * API and maintenance; a worker the task runner. Every process registers as a node. Parts are
 * closed in the reverse order they were started, so a stopping worker finishes (or hands back)
 * its tasks before its node is marked OFFLINE and its database connections close.
 */
final class Gantry implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Gantry.class);
  private static final int MAX_LOST = 3;
  private static final Duration SWEEP_EVERY = Duration.ofSeconds(10);
  private static final Duration POLL_EVERY = Duration.ofSeconds(2);
  private static final Duration START_RELEASE_EVERY = Duration.ofSeconds(1);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  // Microsecond ticks: what the databases keep, so an answer made before a write matches a later read.
  private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  private volatile String nodeId = Ids.newId();
  private volatile boolean nodeIdKept;
  /** The runtime this process runs tasks on, for shells in kept build environments; null: none (yet). */
  private volatile DockerRuntime shellRuntime;
  private volatile Worker worker;
  private GantryServer server;

  private Gantry() {}

  /** Starts the parts of {@code config}'s role in this process; a failed start closes what it started. */
  static Gantry start(GantryConfig config) {
    return start(config, false);
  }

  /**
   * As {@link #start(GantryConfig)}; a {@code trial} start (--check) starts every part but does
   * not join the cluster: it registers no node, and its worker takes no task and sweeps nothing.
   */
  private static Gantry start(GantryConfig config, boolean trial) {
    Gantry gantry = new Gantry();
    try {
      gantry.startParts(config, trial);
      return gantry;
    } catch (RuntimeException e) {
      gantry.close();
      throw e;
    }
  }

  /** Starts the process's parts and stops them again: whether this configuration can run here. */
  static int check(GantryConfig config) {
    try (Gantry gantry = start(config, true)) {
      log.info("check passed: every part of this {} started; stopping", config.role().name().toLowerCase());
    }
    return 0;
  }

  /** Starts the process and blocks until the JVM is told to stop (SIGTERM, Ctrl-C), then closes it. */
  static int runUntilStopped(GantryConfig config) throws InterruptedException {
    Gantry gantry = start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gantry.close();
      stopped.countDown();
    }, "gantry-shutdown"));
    StopSignals.install(gantry::stopNow);
    stopped.await();
    return 0;
  }

  /**
   * The HTTP port is taken first, right after the store: a start that cannot listen fails before
   * it registers a node or claims a task. Closed last, it keeps answering (and streaming logs)
   * while a stopping worker finishes its tasks.
   */
  private void startParts(GantryConfig config, boolean trial) {
    DataDirectory.prepare(config.database());
    if (!trial) {
      // A check takes no tasks: it leaves the kept node id to the process it checks for.
      NodeIdentity identity = track(NodeIdentity.of(config.identity().nodeId(), config.identity().dir()));
      nodeId = identity.id();
      nodeIdKept = identity.kept();
      if (config.tasks() != null && !identity.kept()) {
        log.info("node id {} is this process's only: a restart does not take over its running tasks (give --data-dir or --node-id)",
            nodeId);
      }
    }
    SecretKeyFile.Key secretKey = SecretKeyFile.load(config.database(), trial);
    StoreSettings storeSettings = config.database().storeSettings().withSecretCipher(secretKey.cipher());
    JdbcStore store = track(JdbcStore.open(storeSettings));
    boolean shared = config.database().usesPostgres();
    Signals signals = track(shared ? PostgresSignals.start(storeSettings, store) : new LocalSignals());
    RunProgress progress = new RunProgress(store, signals, clock, MAX_LOST);
    // Only a process with the API can show its meters; a lone worker keeps none.
    PrometheusMetrics metrics = config.api() == null ? null : track(new PrometheusMetrics().bindJvm().countLogs(signals));
    if (config.api() != null) {
      store.bindPoolMetrics(metrics.registry());
      JobService jobs = new JobService(store, signals, clock, new LogFeed(store, signals), config.hostAccess(),
          config.api().callTargets());
      TokenService tokens = new TokenService(store, clock);
      boolean authOn = config.api().auth().on();
      if (authOn) {
        // Before the port: whoever sees /health answer finds the admin token file written.
        AdminToken.bootstrap(tokens, config.api().auth(), trial);
      }
      UserService users = new UserService(store, clock);
      GantryServer.Services services = new GantryServer.Services(jobs, new ClusterService(store, jobs),
          new ScheduleService(store, clock, config.hostAccess(), config.api().callTargets()), tokens, users,
          new DefinitionService(store, clock, config.hostAccess()), config.api().sourcehut(), () -> shellRuntime);
      server = track(new GantryServer(new ServerSettings(config.api().bind(), config.api().port(), config.api().maxBodyBytes(),
          Version.current()), services, metrics, authOn ? Authenticator.tokensAndPasswords(tokens, users) : Authenticator.OFF));
      Listening.start(server, config.api());
      if (!trial) {
        // Every API process sends: the store gives each call to one of them.
        OutboxSender outbox = track(OutgoingCalls.sender(store, jobs, config.api().callTargets(), config.api().outbox(), clock,
            config.api().sourcehut().smtp()));
        track(new Housekeeping().every(OutgoingCalls.EVERY, "outbox sender", outbox));
      }
    }
    Set<String> queues = config.tasks() == null ? Set.of() : config.tasks().queues();
    DockerRuntime docker = config.tasks() == null ? null : openRuntime(config.tasks());
    // Opened after the port is taken: until then (and in a process without tasks) no shell opens.
    shellRuntime = docker;
    if (!trial) {
      // A worker's node names its engine: the pinned jobs' workspaces are there (see WorkspacePinning).
      track(new NodeHeartbeat(store, clock, Node.starting(nodeId, config.role(), ThisMachine.hostname(), Version.current(), queues,
          clock.instant(), config.heartbeat()).onEngine(docker == null ? null : docker.engineId()), config.heartbeat(),
          this::runningTasks, ThisMachine::cpuPercent).start());
    }
    String runtime = docker == null ? null
        : startWorker(config, docker, store, signals, progress, metrics == null ? WorkMetrics.NONE : metrics.work(), !trial);
    if (config.api() != null) {
      MaintenanceLock lock = track(shared ? AdvisoryLock.on(storeSettings) : MaintenanceLock.alone());
      startMaintenance(config.heartbeat(), lock, store, signals, progress, !trial, config.api().retention());
    }
    log.info("Gantry {} {} {} started{} | store: {}{}", Version.current(), config.role().name().toLowerCase(), nodeId,
        server == null ? "" : " | http://" + config.api().bind() + ":" + server.port()
            + (config.api().auth().on() ? " (auth on)" : " (auth off)"), store.describe(),
        runtime == null ? "" : " | runtime: " + runtime + " | queues " + config.tasks().queues() + " | "
            + config.tasks().concurrency() + " at once");
    secretKey.logIfMade();
  }

  /** The Docker engine the tasks run on, verified to answer (else the start fails, saying so). */
  private DockerRuntime openRuntime(GantryConfig.Tasks tasks) {
    DockerRuntime runtime = track(new DockerRuntime(DockerSettings.defaults()
        .withDockerHost(tasks.dockerHost()).withPullPolicy(tasks.pullPolicy()).withMaxOutputBytes(tasks.maxOutputBytes())
        .withCancelGrace(tasks.cancelGrace())));
    runtime.verify();
    runtime.engineId();
    return runtime;
  }

  /** Starts the task runner and the sweeper of what crashed runs left on this machine; returns the runtime's description. */
  private String startWorker(GantryConfig config, DockerRuntime runtime, JdbcStore store, Signals signals, RunProgress progress,
      WorkMetrics metrics, boolean takeTasks) {
    GantryConfig.Tasks tasks = config.tasks();
    worker = track(new Worker(store, runtime, progress, signals, clock, new WorkerSettings(
        nodeId, tasks.queues(), tasks.concurrency(), tasks.lease(), POLL_EVERY, tasks.shutdownGrace(), config.hostAccess(),
        runtime.engineId(), nodeIdKept), metrics));
    if (takeTasks) {
      track(new Housekeeping().every(SWEEP_EVERY, "leftover sweeper", new LeftoverSweeper(store, runtime, clock)));
      worker.start();
    }
    return runtime.describe();
  }

  /**
   * Lease and node reaping and (unless only checking: a check starts no job) firing scheduled jobs,
   * every heartbeat, and releasing delayed starts, every second, on whichever process holds the
   * maintenance lock.
   */
  private void startMaintenance(Duration every, MaintenanceLock lock, JdbcStore store, Signals signals, RunProgress progress,
      boolean fireSchedules, Duration retention) {
    Maintenance maintenance = new Maintenance(lock);
    Housekeeping housekeeping = new Housekeeping()
        .every(every, "lease reaper", maintenance.whileHolding(new LeaseReaper(store, progress, clock)))
        .every(every, "node reaper", maintenance.whileHolding(new NodeReaper(store, clock)))
        .every(every, "engine reaper", maintenance.whileHolding(new EngineReaper(store, progress, clock)));
    if (fireSchedules) {
      housekeeping.every(every, "schedule firer", maintenance.whileHolding(new ScheduleFirer(store, signals, clock)));
      // Every second whatever the heartbeat: a delayed job starts within a second or two of its time.
      housekeeping.every(START_RELEASE_EVERY, "start releaser", maintenance.whileHolding(new StartReleaser(store, signals, clock)));
      housekeeping.every(every, "retention", maintenance.whileHolding(new RetentionSweeper(store, clock, retention)));
    }
    track(housekeeping);
  }

  /** A stop that is waiting for running tasks hands them back now. */
  private void stopNow() {
    Worker running = worker;
    if (running != null) {
      running.stopNow();
    }
  }

  private int runningTasks() {
    Worker running = worker;
    return running == null ? 0 : running.runningCount();
  }

  int port() {
    return server.port();
  }

  String nodeId() {
    return nodeId;
  }

  private <T extends AutoCloseable> T track(T part) {
    started.push(part);
    return part;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
