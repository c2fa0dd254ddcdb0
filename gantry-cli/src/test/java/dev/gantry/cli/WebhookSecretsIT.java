package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.server.CallbackReceiver;
import dev.gantry.server.CallbackReceiver.Received;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Tork webhook header that reads the job's secrets, through a real standalone (H2 file) to a
 * real receiver on this machine (a standalone without auth on loopback may call it): the receiver
 * gets the secret; the deliveries answer, the log and the database's files never hold it.
 */
class WebhookSecretsIT {

  private static final String NEEDLE = "hook-secret-5b9e27";
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dataDir;

  @Test
  void aHeaderReadsASecretThatReachesTheReceiverOnlyAndIsSealedAtRest() throws Exception {
    StandaloneProcess standalone = new StandaloneProcess(dataDir);
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      standalone.start(DEADLINE);
      Http http = new Http(standalone.port());
      // A queue no worker serves: the job waits until cancelled, and each state change calls the hook (no container needed).
      String id = http.submit("""
          name: hooked
          secrets: {token: %s}
          webhooks:
            - url: %s
              event: job.StateChange
              headers:
                Authorization: "Bearer {{ secrets.token }}"
                X-Job: "{{ job.name }}"
          tasks: [{name: t, image: 'busybox:latest', queue: nobody-serves-this, run: 'true'}]
          """.formatted(NEEDLE, receiver.url("/hook")));
      assertThat(http.put("/jobs/" + id + "/cancel").status()).isEqualTo(200);

      await().atMost(DEADLINE).until(() -> receiver.requests().stream().anyMatch(r -> r.body().contains("CANCELLED")));
      List<Received> calls = receiver.requests();
      assertThat(calls).isNotEmpty().allSatisfy(call -> {
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + NEEDLE);
        assertThat(call.header("X-Job")).isEqualTo("hooked");
      });
      await().atMost(DEADLINE).until(() -> {
        Http.Response deliveries = http.get("/jobs/" + id + "/deliveries");
        return deliveries.body().path("items").size() == calls.size()
            && deliveries.body().findValuesAsText("state").stream().allMatch("DELIVERED"::equals);
      });
      String answers = http.get("/jobs/" + id + "/deliveries").body().toString() + http.get("/jobs/" + id).body();
      assertThat(answers).doesNotContain(NEEDLE);
    } finally {
      standalone.stop();
    }

    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains("gantry.mv.db", "standalone.log");
    for (Path file : files) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertThat(bytes.contains(NEEDLE)).as("%s holds the secret in clear", file).isFalse();
    }
  }
}
