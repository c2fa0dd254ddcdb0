package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real standalone process deletes a job once its autoDelete.after has passed, and keeps the one that did not ask. */
class RetentionIT {

  @TempDir Path dataDir;

  @Test
  void aJobThatAskedForAutoDeleteIsGoneAfterItAndTheOthersStay() throws Exception {
    Services.requireDocker(); // a standalone process starts its worker
    StandaloneProcess gantry = new StandaloneProcess(dataDir, "--heartbeat", "1s", "--retention", "30d");
    try {
      Http http = gantry.start(Duration.ofSeconds(60));
      // Every task skipped by its if: the job ends as it is stored, no container needed.
      String throwaway = http.submit("""
          name: throwaway
          autoDelete: {after: 2s}
          tasks: [{name: t, image: "busybox:latest", if: "false"}]
          """);
      String kept = http.submit("""
          name: kept
          tasks: [{name: t, image: "busybox:latest", if: "false"}]
          """);
      assertThat(http.job(throwaway).path("state").asText()).isEqualTo("COMPLETED");
      assertThat(http.job(throwaway).path("autoDelete").path("after").asText()).isEqualTo("2s");

      await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/jobs/" + throwaway).status() == 404);

      assertThat(http.get("/jobs/" + throwaway + "/log").status()).isEqualTo(404);
      assertThat(http.get("/jobs/" + kept).status()).isEqualTo(200);
      assertThat(http.get("/jobs").body().path("totalItems").asLong()).isEqualTo(1);
    } finally {
      gantry.stop();
    }
  }
}
