package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.docker.PullPolicy;
import dev.gantry.docker.SilentRegistry;
import dev.gantry.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daestro's client API against a real standalone Gantry and the real Docker engine: the seed's
 * example as written, sensitive values, delayed start, cancel and the {@code error} state. Each
 * database's test says where its empty database is.
 */
abstract class DaestroContract {

  static final String QUEUE = "my-project::first-job-queue";
  /** The private registry .ci/services runs (htpasswd auth), and its test credentials. */
  static final String PRIVATE_IMAGE = "127.0.0.1:5055/gantry/private-busybox:latest";
  private static final String REGISTRY_PASSWORD = "gantry-registry-secret";
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  /** A cancelled task gets SIGTERM and this long to exit before SIGKILL (--cancel-grace). */
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(6);
  private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled", "timeout", "error");

  private Gantry gantry;
  private Http http;

  protected abstract GantryConfig.Database database();

  /** Where the test's database is, for reading it directly. */
  protected abstract StoreSettings storeSettings();

  /**
   * Every row holding {@code value} in any text column, as "table.column": a sensitive value is
   * sealed in {@code jobs.secrets}, so in clear nowhere.
   */
  private List<String> columnsHolding(String value) throws SQLException {
    StoreSettings db = storeSettings();
    List<String> found = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      List<String[]> columns = new ArrayList<>();
      try (ResultSet rows = connection.getMetaData().getColumns(null, connection.getSchema(), "%", "%")) {
        while (rows.next()) {
          int type = rows.getInt("DATA_TYPE");
          if (type == Types.VARCHAR || type == Types.CLOB || type == Types.LONGVARCHAR || type == Types.NVARCHAR) {
            columns.add(new String[] {rows.getString("TABLE_NAME"), rows.getString("COLUMN_NAME")});
          }
        }
      }
      for (String[] column : columns) {
        try (PreparedStatement query = connection.prepareStatement(
            "select count(*) from \"" + column[0] + "\" where \"" + column[1] + "\" like ?")) {
          query.setString(1, "%" + value + "%");
          try (ResultSet count = query.executeQuery()) {
            if (count.next() && count.getLong(1) > 0) {
              found.add((column[0] + "." + column[1]).toLowerCase(Locale.ROOT));
            }
          }
        }
      }
    }
    return found;
  }

  @BeforeEach
  void start() {
    Services.requireDocker();
    gantry = Gantry.start(new GantryConfig(NodeRole.STANDALONE, database(), new GantryConfig.Api("127.0.0.1", 0, 1 << 20),
        new GantryConfig.Tasks(2, Set.of(QUEUE), Services.DOCKER_HOST, PullPolicy.IF_NOT_PRESENT, 1 << 20,
            Duration.ofSeconds(3), Duration.ofSeconds(2), CANCEL_GRACE),
        GantryConfig.DEFAULT_HEARTBEAT, HostAccessPolicy.NONE));
    http = new Http(gantry.port());
  }

  @AfterEach
  void stop() {
    if (gantry != null) {
      gantry.close();
    }
  }

  private void define(String json) {
    Http.Response made = http.postJson("/definitions", json);
    assertThat(made.status()).as(made.body().toString()).isEqualTo(201);
  }

  private String submit(String json) {
    Http.Response reply = http.postJson("/v1/client/job", json);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(202);
    return reply.body().path("data").path("id").asText();
  }

  private JsonNode detail(String id) {
    return http.get("/v1/client/job/" + id).body().path("data");
  }

  private JsonNode ended(String id) {
    return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> detail(id),
        job -> ENDED.contains(job.path("state").asText()));
  }

  private String log(String id) {
    return http.get("/v1/client/job/" + id + "/logs").body().path("data").path("lines").toString();
  }

  @Test
  void theSeedsCurlExampleRunsAsWritten(@TempDir Path files) throws IOException {
    Path definition = Files.writeString(files.resolve("hello-world.yaml"), "name: my-project::hello-world\nimage: busybox:latest\n");
    CliRun created = CliRun.against(http.base(), "definitions", "create", definition.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out().strip()).isEqualTo("my-project::hello-world:1");
    assertThat(CliRun.against(http.base(), "definitions", "list").out()).contains("my-project::hello-world", "busybox:latest");

    String id = submit("""
        {
          "job_definition": "my-project::hello-world:1",
          "job_queue": "my-project::first-job-queue",
          "container_cmd": ["uname", "Param::subcommand"],
          "container_env": {
            "file": {
              "value": "https://example.com/paint.jpg"
            },
            "access_token": {
              "value": "sensitive-vars-will-be-encrypted",
              "sensitive": true
            }
          },
          "container_cmd_parameter": {
            "subcommand": "-a"
          }
        }""");

    JsonNode job = ended(id);
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("completed");
    assertThat(log(id)).contains("Linux");
    assertThat(http.job(id).path("state").asText()).isEqualTo("COMPLETED"); // the native API sees it too
  }

  @Test
  void aSensitiveValueReachesTheContainerMaskedInItsLogAndShownByNoAnswer() throws SQLException {
    define("""
        {"name": "my-project::env", "image": "busybox:latest",
         "command": ["sh", "-c", "echo token=$access_token length=${#access_token} word=Param::word; echo queue=$DAESTRO_JOB_QUEUE_NAME id=$DAESTRO_JOB_ID run=$DAESTRO_JOB_RUN_ID node=$DAESTRO_COMPUTE_ENV_NAME"],
         "parameters": {"word": "from-defaults"}}""");
    String id = submit("{\"job_definition\": \"my-project::env:1\", \"job_queue\": \"" + QUEUE + "\","
        + " \"container_env\": {\"access_token\": {\"value\": \"s3cr3t-0123456789\", \"sensitive\": true}}}");

    assertThat(ended(id).path("state").asText()).isEqualTo("completed");
    String log = log(id);
    assertThat(log).contains("token=[REDACTED] length=17").doesNotContain("s3cr3t-0123456789");
    assertThat(log).contains("queue=" + QUEUE, "id=" + id).containsPattern("run=[0-9a-f]{32} node=\\S+");
    assertThat(log).contains("word=Param::word"); // Param:: is replaced as a whole item only, as in Daestro
    for (String path : new String[] {"/v1/client/job/" + id, "/jobs/" + id, "/jobs", "/jobs/" + id + "/log"}) {
      assertThat(http.text(path)).as(path).doesNotContain("s3cr3t-0123456789");
    }
    assertThat(columnsHolding("s3cr3t-0123456789")).isEmpty();
  }

  @Test
  void aJobScheduledFiveSecondsAheadIsPendingThenCompletedNotEarly() {
    define("{\"name\": \"my-project::later\", \"image\": \"busybox:latest\", \"command\": [\"true\"]}");
    Instant at = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);

    String id = submit("{\"job_definition\": \"my-project::later:1\", \"job_queue\": \"" + QUEUE + "\", \"schedule_at\": \""
        + at + "\"}");

    assertThat(detail(id).path("state").asText()).isEqualTo("pending");
    assertThat(Instant.parse(detail(id).path("schedule_at").asText())).isEqualTo(at);
    JsonNode job = ended(id);
    assertThat(job.path("state").asText()).isEqualTo("completed");
    Instant started = Instant.parse(http.job(id).path("startedAt").asText());
    assertThat(started).isAfterOrEqualTo(at).isBefore(at.plusSeconds(30));
  }

  @Test
  void cancelWhileRunningStopsTheContainer() {
    define("{\"name\": \"my-project::long\", \"image\": \"busybox:latest\", \"command\": [\"sleep\", \"300\"]}");
    String id = submit("{\"job_definition\": \"my-project::long:1\", \"job_queue\": \"" + QUEUE + "\"}");
    await().atMost(DEADLINE).until(() -> detail(id).path("state").asText().equals("running"));

    Http.Response cancelled = http.postJson("/v1/client/job/" + id + "/cancel", "");

    assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);
    assertThat(ended(id).path("state").asText()).isEqualTo("cancelled");
    await().atMost(DEADLINE).until(() -> Services.docker().resources().stream().noneMatch(r -> id.equals(r.jobId())));
  }

  @Test
  void aMissingImageIsTheErrorStateWithASystemNote() {
    define("{\"name\": \"my-project::broken\", \"image\": \"gantry-test/no-such-image:0\", \"command\": [\"true\"]}");
    String id = submit("{\"job_definition\": \"my-project::broken:1\", \"job_queue\": \"" + QUEUE + "\"}");

    JsonNode job = ended(id);

    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("error");
    assertThat(job.path("system_note").asText()).contains("gantry-test/no-such-image:0");
  }

  @Test
  void aTaskWhoseImageIsStillBeingPulledIsStartingAndACancelThenEndsItAtOnce() throws IOException {
    try (SilentRegistry registry = new SilentRegistry()) {
      define("{\"name\": \"my-project::slow-start\", \"image\": \"" + registry.image() + "\", \"command\": [\"true\"]}");
      String id = submit("{\"job_definition\": \"my-project::slow-start:1\", \"job_queue\": \"" + QUEUE + "\"}");

      await().atMost(DEADLINE).until(() -> detail(id).path("state").asText().equals("starting"));
      assertThat(http.job(id).path("state").asText()).isEqualTo("RUNNING"); // the native API's states are as they were
      assertThat(http.get("/v1/client/job?state=starting").body().toString()).contains(id);
      Http.Response cancelled = http.postJson("/v1/client/job/" + id + "/cancel", "");

      assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);
      // No container of it ever started: nothing to wait for.
      assertThat(cancelled.body().path("data").path("state").asText()).isEqualTo("cancelled");
    }
  }

  @Test
  void aCancelledTaskIsCancellingUntilItsContainerHasExited() {
    define("""
        {"name": "my-project::graceful", "image": "busybox:latest",
         "command": ["sh", "-c", "trap 'echo stopping; sleep 3; echo stopped; exit 0' TERM; echo ready; while true; do sleep 1; done"]}""");
    String id = submit("{\"job_definition\": \"my-project::graceful:1\", \"job_queue\": \"" + QUEUE + "\"}");
    await().atMost(DEADLINE).until(() -> detail(id).path("state").asText().equals("running") && log(id).contains("ready"));
    Instant asked = Instant.now();

    Http.Response cancelled = http.postJson("/v1/client/job/" + id + "/cancel", "");

    assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);
    assertThat(cancelled.body().path("data").path("state").asText()).isEqualTo("cancelling");
    assertThat(http.job(id).path("state").asText()).isEqualTo("CANCELLED"); // the core's state: cancelled at once
    assertThat(http.get("/v1/client/job?state=cancelling").body().toString()).contains(id);
    await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> detail(id).path("state").asText().equals("cancelled"));
    // Cancelling until the container exited: the trap ran its 3 seconds. SIGTERM, not SIGKILL: the trap
    // ended the task itself ("stopped", printed after its sleep; a SIGKILL at the grace would have cut it).
    // How long after the grace the test sees it is the machine's load, not the product's doing.
    assertThat(Duration.between(asked, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
    assertThat(log(id)).contains("stopping", "stopped");
  }

  @Test
  void aDefinitionsRegistryCredentialsPullThePrivateImageAndThePasswordIsStoredNowhereInClear() throws SQLException {
    Services.removeImage(PRIVATE_IMAGE);
    define("{\"name\": \"my-project::private\", \"image\": \"" + PRIVATE_IMAGE + "\", \"command\": [\"echo\", \"pulled\"],"
        + " \"registry\": {\"username\": \"gantry\", \"password\": \"" + REGISTRY_PASSWORD + "\"}}");
    define("{\"name\": \"my-project::no-credentials\", \"image\": \"" + PRIVATE_IMAGE + "\", \"command\": [\"true\"]}");

    String id = submit("{\"job_definition\": \"my-project::private:1\", \"job_queue\": \"" + QUEUE + "\"}");

    JsonNode job = ended(id);
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("completed");
    assertThat(log(id)).contains("pulled");
    for (String path : new String[] {"/v1/client/job/" + id, "/jobs/" + id, "/jobs", "/definitions", "/definitions/my-project::private/1"}) {
      assertThat(http.text(path)).as(path).doesNotContain(REGISTRY_PASSWORD);
    }
    assertThat(columnsHolding(REGISTRY_PASSWORD)).isEmpty();
    Services.removeImage(PRIVATE_IMAGE);
    String without = submit("{\"job_definition\": \"my-project::no-credentials:1\", \"job_queue\": \"" + QUEUE + "\"}");
    JsonNode refused = ended(without);
    assertThat(refused.path("state").asText()).as(refused.toString()).isEqualTo("error");
    assertThat(refused.path("system_note").asText()).contains(PRIVATE_IMAGE);
  }
}
