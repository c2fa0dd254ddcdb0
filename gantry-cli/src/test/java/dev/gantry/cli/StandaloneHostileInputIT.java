package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.server.hostile.HadesCorpus;
import dev.gantry.server.hostile.HostileChecks;
import dev.gantry.server.hostile.Mutations;
import dev.gantry.server.hostile.ProtocolCorpus;
import dev.gantry.server.hostile.ReadCorpus;
import dev.gantry.server.hostile.SubmitCorpus;
import dev.gantry.server.hostile.UiCorpus;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus of gantry-server (native and Hades) against the real standalone wiring: H2 on disk, the
 * Docker runtime, the worker. No 5xx, a 4xx with a message, nothing half-stored (counted through
 * the API), and /health answering after every batch.
 */
class StandaloneHostileInputIT {

  private static final int MUTANTS = 60;

  @TempDir Path dataDir;

  @Test
  void theStandaloneServerRejectsHostileRequestsCleanlyAndStaysUp() {
    Services.requireDocker();
    try (StandaloneFixture gantry = new StandaloneFixture(dataDir)) {
      Http http = gantry.http();
      String job = http.submit("name: known\ntasks: [{name: t, image: 'busybox:latest', network: none, run: 'echo hi'}]\n");
      String run = gantry.awaitEnd(job).path("execution").get(0).path("id").asText();
      // Hades reads its body as JSON whatever the declared type.
      String build = http.postYaml("/build", "{\"name\":\"known\",\"steps\":[{\"id\":1,\"name\":\"s\",\"image\":\"busybox:latest\","
          + "\"network\":\"none\",\"script\":\"true\"}]}").body().path("id").asText();
      gantry.awaitEnd(build);
      int port = URI.create(http.base()).getPort();
      HostileChecks checks = new HostileChecks(port, () -> http.get("/jobs?size=1").body().path("totalItems").asLong())
          .batch("submits", SubmitCorpus.requests("/jobs"))
          .batch("reads", ReadCorpus.nativeRequests(job, run))
          .batch("protocol", ProtocolCorpus.requests())
          .batch("Hades", HadesCorpus.requests())
          .batch("Hades resume positions", HadesCorpus.resumeRequests(build))
          .batch("web UI and cross-site", UiCorpus.requests())
          .batch("mutants", Mutations.requests("/jobs", 7L, MUTANTS));
      assertThat(checks.violations()).isEmpty();
      assertThat(checks.sent()).isGreaterThan(300);
    }
  }
}
