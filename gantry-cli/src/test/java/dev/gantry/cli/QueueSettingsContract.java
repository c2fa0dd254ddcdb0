package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.docker.PullPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queue settings with the real engine: priorities across queues, a concurrency limit across
 * workers, a disabled queue; set through {@code gantry queues set}. Each database's test says where
 * its empty database is.
 */
abstract class QueueSettingsContract {

  private static final Duration DEADLINE = Duration.ofSeconds(90);

  /** An empty database for this test; {@code standalone} processes in this JVM share it if it is PostgreSQL. */
  protected abstract GantryConfig.Database database();

  @BeforeEach
  void needsDocker() {
    Services.requireDocker();
  }

  private static GantryConfig standalone(GantryConfig.Database database, int slots, String... queues) {
    return new GantryConfig(NodeRole.STANDALONE, database, new GantryConfig.Api("127.0.0.1", 0, 1 << 20),
        new GantryConfig.Tasks(slots, Set.of(queues), Services.DOCKER_HOST, PullPolicy.IF_NOT_PRESENT, 1 << 20,
            Duration.ofSeconds(3), Duration.ofSeconds(2)),
        GantryConfig.DEFAULT_HEARTBEAT, HostAccessPolicy.NONE);
  }

  private static String job(String name, String queue, String script) {
    return "name: " + name + "\ntasks: [{name: t, image: 'busybox:latest', network: none, queue: '" + queue
        + "', run: '" + script + "'}]\n";
  }

  private static void set(Http http, String queue, String... options) {
    List<String> args = new ArrayList<>(List.of("queues", "set", queue));
    args.addAll(List.of(options));
    CliRun run = CliRun.against(http.base(), args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(queue);
  }

  private static JsonNode ended(Http http, String id) {
    return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> http.job(id),
        j -> StandaloneFixture.ENDED.contains(j.path("state").asText()));
  }

  @Test
  void withOneSlotThePriorityOneQueueRunsBeforeThePriorityFiveHundredQueueSubmittedEarlier() {
    try (Gantry gantry = Gantry.start(standalone(database(), 1, "bulk", "urgent"))) {
      Http http = new Http(gantry.port());
      set(http, "urgent", "--priority", "1");
      set(http, "bulk", "--priority", "500");
      // The one slot is taken until the blocker is cancelled, so all the others wait meanwhile.
      String blocker = http.submit(job("blocker", "bulk", "sleep 300"));
      await().atMost(DEADLINE).until(() -> http.job(blocker).path("state").asText().equals("RUNNING"));
      List<String> bulk = new ArrayList<>();
      List<String> urgent = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        bulk.add(http.submit(job("bulk " + i, "bulk", "true")));
      }
      for (int i = 0; i < 3; i++) {
        urgent.add(http.submit(job("urgent " + i, "urgent", "true")));
      }
      assertThat(http.put("/jobs/" + blocker + "/cancel").status()).isEqualTo(200);

      Instant lastUrgentStart = urgent.stream().map(id -> startedAt(ended(http, id))).max(Instant::compareTo).orElseThrow();
      Instant firstBulkStart = bulk.stream().map(id -> startedAt(ended(http, id))).min(Instant::compareTo).orElseThrow();
      assertThat(lastUrgentStart).isBefore(firstBulkStart);
      assertThat(bulk).allSatisfy(id -> assertThat(http.job(id).path("state").asText()).isEqualTo("COMPLETED"));
    }
  }

  @Test
  void aDisabledQueueHoldsItsJobsUntilEnabled() {
    try (Gantry gantry = Gantry.start(standalone(database(), 2, "held"))) {
      Http http = new Http(gantry.port());
      set(http, "held", "--disable");
      String id = http.submit(job("held", "held", "true"));

      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
          .until(() -> http.job(id).path("state").asText().equals("SCHEDULED"));
      assertThat(http.get("/queues/held").body().path("enabled").asBoolean()).isFalse();

      set(http, "held", "--enable");
      assertThat(ended(http, id).path("state").asText()).isEqualTo("COMPLETED");
    }
  }

  /** Two workers of 4 slots each where the database can be shared by two processes; one of 8 where it cannot (H2). */
  protected abstract List<GantryConfig> workersForTheLimit(GantryConfig.Database database, String queue);

  protected static GantryConfig standaloneOn(GantryConfig.Database database, int slots, String queue) {
    return standalone(database, slots, queue);
  }

  @Test
  void aLimitOfTwoHoldsAcrossWorkersWithMoreSlots() {
    GantryConfig.Database database = database();
    List<Gantry> workers = new ArrayList<>();
    try {
      for (GantryConfig config : workersForTheLimit(database, "limited")) {
        workers.add(Gantry.start(config));
      }
      Http http = new Http(workers.get(0).port());
      set(http, "limited", "--max-concurrency", "2");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ids.add(http.submit(job("limited " + i, "limited", "sleep 1")));
      }
      AtomicInteger mostSampled = new AtomicInteger();
      AtomicReference<Boolean> done = new AtomicReference<>(false);
      await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
        mostSampled.accumulateAndGet(http.get("/queues/limited").body().path("unacked").asInt(), Math::max);
        done.set(ids.stream().allMatch(id -> StandaloneFixture.ENDED.contains(http.job(id).path("state").asText())));
        return done.get();
      });

      List<JsonNode> jobs = ids.stream().map(http::job).toList();
      assertThat(jobs).allSatisfy(j -> assertThat(j.path("state").asText()).isEqualTo("COMPLETED"));
      assertThat(mostSampled.get()).isBetween(1, 2);
      assertThat(mostAtOnce(jobs)).isEqualTo(2);
    } finally {
      workers.forEach(Gantry::close);
    }
  }

  private static Instant startedAt(JsonNode job) {
    return Instant.parse(job.path("execution").get(0).path("startedAt").asText());
  }

  /** The most runs whose [started, completed] intervals overlap at one instant. */
  private static int mostAtOnce(List<JsonNode> jobs) {
    List<long[]> edges = new ArrayList<>();
    for (JsonNode job : jobs) {
      JsonNode run = job.path("execution").get(0);
      edges.add(new long[] {Instant.parse(run.path("startedAt").asText()).toEpochMilli() * 1000, 1});
      edges.add(new long[] {Instant.parse(run.path("completedAt").asText()).toEpochMilli() * 1000, -1});
    }
    // At equal instants an end comes before a start: a slot freed and taken at once is not an overlap.
    edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int now = 0;
    int most = 0;
    for (long[] edge : edges) {
      now += (int) edge[1];
      most = Math.max(most, now);
    }
    return most;
  }
}
