package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.docker.PullPolicy;
import dev.gantry.store.PostgresTestDatabase;
import dev.gantry.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `standalone --db-url jdbc:postgresql://...`: the same engine on PostgreSQL instead of H2. */
class StandalonePostgresIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  @TempDir Path unusedDataDir;

  @Test
  void runsAJobAndKeepsItAcrossARestart() throws java.io.IOException {
    Services.requireDocker();
    StoreSettings db = database.settings();
    GantryConfig config = new GantryConfig("127.0.0.1", 0, unusedDataDir, db.url(), db.user(), db.password(), 2,
        Services.DOCKER_HOST, PullPolicy.IF_NOT_PRESENT, 1 << 20, 1 << 20, Duration.ofSeconds(3), Duration.ofSeconds(2));
    String id;
    try (Gantry gantry = Gantry.start(config)) {
      Http http = new Http(gantry.port());
      id = http.submit("""
          name: hello
          tasks:
            - {name: say hello, image: "busybox:latest", network: none, run: "echo -n hello world > $TORK_OUTPUT"}
          """);
      JsonNode job = await().atMost(Duration.ofSeconds(60)).until(() -> http.job(id),
          j -> StandaloneFixture.ENDED.contains(j.path("state").asText()));
      assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
      assertThat(job.path("result").asText()).isEqualTo("hello world");
    }
    try (Gantry again = Gantry.start(config)) {
      assertThat(new Http(again.port()).job(id).path("result").asText()).isEqualTo("hello world");
    }
    // The database is elsewhere: the data directory holds only the key that seals job secrets and
    // the node's id (with the lock a running process holds on it).
    try (var files = java.nio.file.Files.list(unusedDataDir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("secret-key", "node-id",
          "node-id.lock");
    }
  }
}
