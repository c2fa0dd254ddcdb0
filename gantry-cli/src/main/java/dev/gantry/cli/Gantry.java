package dev.gantry.cli;

import dev.gantry.core.engine.Housekeeping;
import dev.gantry.core.engine.Ids;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.LeaseReaper;
import dev.gantry.core.engine.LeftoverSweeper;
import dev.gantry.core.engine.LocalSignals;
import dev.gantry.core.engine.RunProgress;
import dev.gantry.core.engine.Worker;
import dev.gantry.core.engine.WorkerSettings;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import dev.gantry.docker.DockerRuntime;
import dev.gantry.docker.DockerSettings;
import dev.gantry.server.GantryServer;
import dev.gantry.server.ServerSettings;
import dev.gantry.store.JdbcStore;
import dev.gantry.store.StoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gantry process, wired by hand: store, signals, engine, runtime, worker, maintenance
 * and HTTP. Parts are closed in the reverse order they were started.
 */
final class Gantry implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Gantry.class);
  private static final int MAX_LOST = 3;
  private static final Duration SWEEP_EVERY = Duration.ofSeconds(10);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private GantryServer server;

  private Gantry() {}

  /** Starts API, worker and maintenance in this process. */
  static Gantry start(GantryConfig config) {
    Gantry gantry = new Gantry();
    try {
      gantry.startStandalone(config);
      return gantry;
    } catch (RuntimeException e) {
      gantry.close();
      throw e;
    }
  }

  private void startStandalone(GantryConfig config) {
    // Microsecond ticks: what the databases keep, so an answer made before a write matches a later read.
    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    String nodeId = Ids.newId();
    Store store = track(JdbcStore.open(storeSettings(config)));
    Signals signals = track(new LocalSignals());
    DockerRuntime runtime = track(new DockerRuntime(DockerSettings.defaults()
        .withDockerHost(config.dockerHost()).withPullPolicy(config.pullPolicy()).withMaxOutputBytes(config.maxOutputBytes())));
    runtime.verify();
    RunProgress progress = new RunProgress(store, signals, clock, MAX_LOST);
    JobService jobs = new JobService(store, signals, clock);
    track(new Housekeeping()
        .every(config.lease().dividedBy(2), "lease reaper", new LeaseReaper(store, progress, clock))
        .every(SWEEP_EVERY, "leftover sweeper", new LeftoverSweeper(store, runtime)));
    Worker worker = track(new Worker(store, runtime, progress, signals, clock, new WorkerSettings(
        nodeId, Set.of(TaskSpec.DEFAULT_QUEUE), config.slots(), config.lease(), Duration.ofSeconds(2), config.shutdownGrace())));
    worker.start();
    server = track(new GantryServer(new ServerSettings(config.bind(), config.port(), config.maxBodyBytes(), Version.current()), jobs));
    server.start();
    log.info("Gantry {} standalone listening on http://{}:{} | store: {} | runtime: {} | {} worker slots",
        Version.current(), config.bind(), server.port(), store.describe(), runtime.describe(), config.slots());
  }

  int port() {
    return server.port();
  }

  private static StoreSettings storeSettings(GantryConfig config) {
    return config.usesPostgres()
        ? new StoreSettings(config.dbUrl(), config.dbUser(), config.dbPassword(), 10)
        : StoreSettings.h2File(config.dataDir());
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
