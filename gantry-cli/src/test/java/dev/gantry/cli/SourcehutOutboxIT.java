package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.server.CallbackReceiver;
import dev.gantry.server.CallbackReceiver.Received;
import dev.gantry.store.PostgresTestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * builds.sr.ht webhook triggers are outbox calls: a {@code gantry server} killed with -9 between a
 * build's end and its trigger's answer (in flight), or before the first attempt (waiting), loses
 * neither; the next server sends both, the one in flight again with the same delivery id. The
 * builds are held ({@code execute: false}) and cancelled, which ends them {@code cancelled}
 * (a failure) without a worker.
 */
class SourcehutOutboxIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aKillNineLosesNoTriggerNeitherWaitingNorInFlight() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (GantryProcesses processes = new GantryProcesses(database.settings(), SourcehutOutboxIT.class);
        CallbackReceiver receiver = new CallbackReceiver(0, never, 1)) {
      try {
        GantryProcess first = processes.server("--heartbeat", "1s", "--outbox-lease", "3s").awaitStarted();
        long inFlight = cancelledWithTrigger(first.http(), receiver.url("/in-flight"));
        await().atMost(DEADLINE).until(() -> receiver.requests().size() == 1);
        long waiting = cancelledWithTrigger(first.http(), receiver.url("/waiting"));
        first.kill();
        assertThat(receiver.requests()).hasSize(1);

        processes.server("--heartbeat", "1s", "--outbox-lease", "3s").awaitStarted();

        await().atMost(DEADLINE).until(() -> to(receiver, "/in-flight").size() == 2 && to(receiver, "/waiting").size() == 1);
        List<Received> again = to(receiver, "/in-flight");
        assertThat(again.get(1).header("X-Gantry-Delivery")).isNotBlank().isEqualTo(again.get(0).header("X-Gantry-Delivery"));
        JsonNode body = JSON.readTree(again.get(1).body());
        assertThat(body.path("id").asLong()).isEqualTo(inFlight);
        assertThat(body.path("status").asText()).isEqualTo("cancelled");
        assertThat(body.path("note").asText()).isEqualTo("held");
        assertThat(JSON.readTree(to(receiver, "/waiting").get(0).body()).path("id").asLong()).isEqualTo(waiting);
        assertThat(to(receiver, "/waiting").get(0).contentType()).startsWith("application/json");
      } finally {
        never.countDown();
      }
    }
  }

  /** Submits a held build whose failure trigger calls {@code url}, and cancels it; returns its id. */
  private static long cancelledWithTrigger(Http http, String url) throws Exception {
    String manifest = """
        image: alpine/latest
        tasks:
          - build: echo never runs
        triggers:
          - {action: webhook, condition: failure, url: "%s"}
          - {action: webhook, condition: success, url: "%s-success"}
        """.formatted(url, url);
    String request = JSON.createObjectNode().put("manifest", manifest).put("execute", false).put("note", "held").toString();
    Http.Response submitted = http.postJson("/api/jobs", request);
    assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(200);
    long id = submitted.body().path("id").asLong();
    Http.Response cancelled = http.postJson("/api/jobs/" + id + "/cancel", "{}");
    assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);
    return id;
  }

  private static List<Received> to(CallbackReceiver receiver, String path) {
    return receiver.requests().stream().filter(r -> r.path().equals(path)).toList();
  }
}
