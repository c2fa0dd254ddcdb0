package dev.gantry.cli;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.docker.DockerRuntime;
import dev.gantry.docker.PullPolicy;
import dev.gantry.server.sourcehut.SourcehutSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A real standalone Gantry (H2 in a temporary directory, the real Docker engine) on a random port. */
final class StandaloneFixture implements AutoCloseable {

  static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");

  private final Path dataDir;
  private final HostAccessPolicy hostAccess;
  private final SourcehutSettings sourcehut;
  private Gantry gantry;
  private Http http;
  private final DockerRuntime docker = Services.docker();

  StandaloneFixture(Path dataDir) {
    this(dataDir, HostAccessPolicy.NONE);
  }

  /** A standalone Gantry whose jobs may reach what {@code hostAccess} allows of the machine. */
  StandaloneFixture(Path dataDir, HostAccessPolicy hostAccess) {
    this(dataDir, hostAccess, null);
  }

  /** A standalone Gantry whose builds.sr.ht dialect has {@code sourcehut}'s settings (null: the defaults). */
  StandaloneFixture(Path dataDir, HostAccessPolicy hostAccess, SourcehutSettings sourcehut) {
    this.dataDir = dataDir;
    this.hostAccess = hostAccess;
    this.sourcehut = sourcehut;
    start();
  }

  static GantryConfig config(Path dataDir) {
    return new GantryConfig("127.0.0.1", 0, dataDir, null, null, null, 4, Services.DOCKER_HOST,
        PullPolicy.IF_NOT_PRESENT, 1 << 20, 1 << 20, Duration.ofSeconds(3), Duration.ofSeconds(2));
  }

  void start() {
    GantryConfig config = config(dataDir);
    GantryConfig.Api api = new GantryConfig.Api(config.api().bind(), config.api().port(), config.api().maxBodyBytes(),
        config.api().auth(), config.api().callTargets(), config.api().outbox(), config.api().retention(), sourcehut);
    gantry = Gantry.start(new GantryConfig(config.role(), config.database(), api, config.tasks(), config.heartbeat(),
        hostAccess));
    http = new Http(gantry.port());
  }

  void restart() {
    gantry.close();
    start();
  }

  Http http() {
    return http;
  }

  /** Waits until the job has ended and returns it. */
  JsonNode awaitEnd(String id) {
    return awaitState(id, ENDED);
  }

  JsonNode awaitState(String id, Set<String> states) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> http.job(id), job -> states.contains(job.path("state").asText()));
  }

  /** Containers and workspaces in the engine that carry this job's label. */
  List<RuntimeResource> leftovers(String jobId) {
    return docker.resources().stream().filter(r -> jobId.equals(r.jobId())).toList();
  }

  /** Gone within the deadline: at once, or at the leftover sweeper's next round (every 10 s) on a loaded machine. */
  void awaitNoLeftovers(String jobId) {
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> leftovers(jobId).isEmpty());
  }

  /**
   * Stops Gantry, then removes what its unfinished jobs still hold in the engine (a test may stop
   * while jobs run, which in real use go on after a restart): a test run leaves nothing behind.
   */
  @Override
  public void close() {
    Set<String> jobs = gantry == null ? Set.of() : jobIds();
    if (gantry != null) {
      gantry.close();
    }
    try {
      // Containers first: a volume goes only once no container holds it.
      docker.resources().stream().filter(r -> jobs.contains(r.jobId()))
          .sorted(Comparator.comparing(RuntimeResource::kind)).forEach(docker::remove);
    } finally {
      docker.close();
    }
  }

  /** The native ids of every job this Gantry has. */
  Set<String> jobIds() {
    Set<String> ids = new HashSet<>();
    for (int page = 1; ; page++) {
      JsonNode items = http.get("/jobs?size=20&page=" + page).body().path("items");
      if (items.isEmpty()) {
        return ids;
      }
      items.forEach(job -> ids.add(job.path("id").asText()));
    }
  }
}
