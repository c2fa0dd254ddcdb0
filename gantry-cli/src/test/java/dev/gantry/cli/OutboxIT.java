package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.CallbackReceiver;
import dev.gantry.server.CallbackReceiver.Received;
import dev.gantry.store.PostgresTestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Outgoing calls across real {@code gantry server} processes on one PostgreSQL: a kill -9 loses no
 * call (neither one written but not yet sent, nor one in flight: it is sent again, with the same
 * delivery id), and two servers deliver each call once. The receiver is on 127.0.0.1, which
 * servers without auth on loopback may call.
 */
class OutboxIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @Test
  void aKillNineLosesNoCallNeitherWaitingNorInFlight() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (GantryProcesses processes = new GantryProcesses(database.settings(), OutboxIT.class);
        CallbackReceiver receiver = new CallbackReceiver(0, never, 1)) {
      try {
        GantryProcess first = processes.server("--heartbeat", "1s", "--outbox-lease", "3s").awaitStarted();
        // In flight: the receiver has the request and the server dies before the answer.
        String inFlight = endedWithCallback(first.http(), receiver.url("/in-flight"));
        await().atMost(DEADLINE).until(() -> receiver.requests().size() == 1);
        // Waiting: the job ended, the call is written, the server dies before any attempt (its sender looks every second).
        String waiting = endedWithCallback(first.http(), receiver.url("/waiting"));
        first.kill();
        assertThat(receiver.requests()).hasSize(1);

        GantryProcess second = processes.server("--heartbeat", "1s", "--outbox-lease", "3s").awaitStarted();

        await().atMost(DEADLINE).until(() -> delivered(second.http(), inFlight) && delivered(second.http(), waiting));
        List<Received> toInFlight = receiver.requests().stream().filter(r -> r.path().equals("/in-flight")).toList();
        assertThat(toInFlight).hasSize(2);
        assertThat(toInFlight.get(1).header("X-Gantry-Delivery")).isEqualTo(toInFlight.get(0).header("X-Gantry-Delivery"))
            .isEqualTo(deliveries(second.http(), inFlight).path(0).path("id").asText());
        assertThat(deliveries(second.http(), inFlight).path(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(receiver.requests().stream().filter(r -> r.path().equals("/waiting"))).hasSize(1);
        assertThat(toInFlight.get(1).body()).contains(inFlight);
      } finally {
        never.countDown();
      }
    }
  }

  @Test
  void twoServersDeliverEachCallOnce() throws Exception {
    try (GantryProcesses processes = new GantryProcesses(database.settings(), OutboxIT.class);
        CallbackReceiver receiver = new CallbackReceiver(0)) {
      GantryProcess first = processes.server("--heartbeat", "1s").awaitStarted();
      GantryProcess second = processes.server("--heartbeat", "1s").awaitStarted();
      List<String> jobs = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        jobs.add(endedWithCallback((i % 2 == 0 ? first : second).http(), receiver.url("/job-" + i)));
      }

      await().atMost(DEADLINE).until(() -> jobs.stream().allMatch(id -> delivered(first.http(), id)));

      assertThat(receiver.requests()).hasSize(24);
      Set<String> ids = new HashSet<>();
      receiver.requests().forEach(r -> ids.add(r.header("X-Gantry-Delivery")));
      assertThat(ids).hasSize(24);
      for (String id : jobs) {
        assertThat(deliveries(second.http(), id).path(0).path("attempts").asInt()).as(id).isEqualTo(1);
      }
    }
  }

  /** Submits a Hades job with a callback on a queue no worker serves and cancels it: its end writes the call. */
  private static String endedWithCallback(Http http, String url) {
    Http.Response submitted = http.postYaml("/build", """
        {"name": "calls back", "callback_url": "%s", "steps": [{"id": 1, "image": "busybox"}]}""".formatted(url));
    assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(200);
    String id = submitted.body().path("id").asText();
    assertThat(http.put("/jobs/" + id + "/cancel").status()).isEqualTo(200);
    return id;
  }

  private static JsonNode deliveries(Http http, String jobId) {
    Http.Response response = http.get("/jobs/" + jobId + "/deliveries");
    assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    return response.body().path("items");
  }

  private static boolean delivered(Http http, String jobId) {
    return deliveries(http, jobId).path(0).path("state").asText().equals("DELIVERED");
  }
}
