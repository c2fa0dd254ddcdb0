package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /nodes}, {@code GET /queues}, {@code GET} and {@code DELETE /queues/{name}} in Tork's
 * shapes, and Gantry's {@code PUT /queues/{name}}.
 */
class ClusterApiTest {

  private static final Instant STARTED = Instant.parse("2025-03-01T10:00:00Z");
  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private Node node(String id, NodeRole role, String... queues) {
    return Node.starting(id, role, "host-" + id, "1.2.3", Set.of(queues), STARTED, Duration.ofSeconds(5));
  }

  private String submitTo(String queue) {
    return server.submitted("name: on " + queue + "\ntasks: [{name: t, image: busybox, queue: " + queue + "}]");
  }

  @Test
  void nodesShowEveryProcessInTorksShape() {
    server.store.saveNode(node("s1", NodeRole.SERVER));
    server.store.saveNode(node("w1", NodeRole.WORKER, "gpu", "default").heartbeat(STARTED.plusSeconds(5), Duration.ofSeconds(5), 12.5, 2));
    server.store.saveNode(node("w2", NodeRole.WORKER, "default").offline(STARTED.plusSeconds(9)));

    JsonNode nodes = server.get("/nodes").json();

    assertThat(nodes).hasSize(3);
    assertThat(nodes.findValuesAsText("name")).containsExactlyInAnyOrder("Coordinator", "Worker", "Worker");
    JsonNode worker = nodes.findParents("id").stream().filter(n -> n.path("id").asText().equals("w1")).findFirst().orElseThrow();
    assertThat(worker.path("hostname").asText()).isEqualTo("host-w1");
    assertThat(worker.path("version").asText()).isEqualTo("1.2.3");
    assertThat(worker.path("status").asText()).isEqualTo("UP");
    assertThat(worker.path("queue").asText()).isEqualTo("default,gpu");
    assertThat(worker.path("queues").toString()).isEqualTo("[\"default\",\"gpu\"]");
    assertThat(worker.path("taskCount").asInt()).isEqualTo(2);
    assertThat(worker.path("cpuPercent").asDouble()).isEqualTo(12.5);
    assertThat(worker.path("startedAt").asText()).isEqualTo("2025-03-01T10:00:00Z");
    assertThat(worker.path("lastHeartbeatAt").asText()).isEqualTo("2025-03-01T10:00:05Z");
    assertThat(nodes.findValuesAsText("status")).containsExactlyInAnyOrder("UP", "UP", "OFFLINE");
  }

  @Test
  void queuesShowSizeSubscribersAndUnacked() {
    server.store.saveNode(node("w1", NodeRole.WORKER, "default"));
    submitTo("special");
    submitTo("default");
    submitTo("default");
    server.worker.claim();

    Reply all = server.get("/queues");
    Reply special = server.get("/queues/special");

    String defaults = "\"priority\":500,\"maxConcurrency\":0,\"enabled\":true";
    assertThat(all.body()).isEqualTo("[{\"name\":\"default\",\"size\":1,\"subscribers\":1,\"unacked\":1," + defaults + "},"
        + "{\"name\":\"special\",\"size\":1,\"subscribers\":0,\"unacked\":0," + defaults + "}]");
    assertThat(special.body()).isEqualTo("{\"name\":\"special\",\"size\":1,\"subscribers\":0,\"unacked\":0," + defaults + "}");
  }

  @Test
  void anUnknownQueueIsTorks404() {
    Reply unknown = server.get("/queues/nobody-serves-this");
    Reply nonsense = server.delete("/queues/" + "x".repeat(80));

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.message()).isEqualTo("queue nobody-serves-this not found");
    assertThat(nonsense.status()).isEqualTo(404);
  }

  @Test
  void deletingAQueueCancelsTheJobsWaitingInIt() {
    String waiting = submitTo("special");
    String elsewhere = submitTo("default");

    Reply reply = server.delete("/queues/special");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(server.get("/jobs/" + waiting).json().path("state").asText()).isEqualTo("CANCELLED");
    assertThat(server.get("/jobs/" + elsewhere).json().path("state").asText()).isEqualTo("SCHEDULED");
    assertThat(server.get("/queues/special").status()).isEqualTo(404);
  }

  private Reply putSettings(String queue, String body) {
    return server.send(HttpRequest.newBuilder(server.uri("/queues/" + queue)).header("Content-Type", "application/json")
        .PUT(BodyPublishers.ofString(body)));
  }

  @Test
  void settingsArePutInPartsShownBesideTheCountsAndHonouredByTheClaim() {
    String waiting = submitTo("proj::first");

    Reply set = putSettings("proj::first", "{\"priority\": 1, \"maxConcurrency\": 2}");
    Reply disabled = putSettings("proj::first", "{\"enabled\": false}");

    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.body()).isEqualTo("{\"name\":\"proj::first\",\"size\":1,\"subscribers\":0,\"unacked\":0,"
        + "\"priority\":1,\"maxConcurrency\":2,\"enabled\":true}");
    assertThat(disabled.json().path("priority").asInt()).isEqualTo(1);
    assertThat(disabled.json().path("maxConcurrency").asInt()).isEqualTo(2);
    assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
    assertThat(server.get("/queues").json().get(0).path("enabled").asBoolean()).isFalse();
    assertThat(server.store.claimNext(Set.of("proj::first"), "w1", STARTED, STARTED.plusSeconds(30))).isEmpty();

    putSettings("proj::first", "{\"enabled\": true}");
    assertThat(server.store.claimNext(Set.of("proj::first"), "w1", STARTED, STARTED.plusSeconds(30)))
        .map(run -> run.jobId()).contains(waiting);
  }

  @Test
  void aQueueWithSettingsIsShownEvenWhenEmpty() {
    putSettings("idle", "{}");

    assertThat(server.get("/queues/idle").json().path("priority").asInt()).isEqualTo(500);
    assertThat(server.get("/queues").json().findValuesAsText("name")).containsExactly("idle");
  }

  @Test
  void badSettingsAreA400NamingTheFieldAndChangeNothing() {
    putSettings("gpu", "{\"priority\": 7}");
    for (String[] bad : new String[][] {
        {"{\"priority\": 0}", "priority: must be between 1 and 1000 (lower runs first), not 0"},
        {"{\"priority\": 1001}", "priority: must be between 1 and 1000"},
        {"{\"priority\": \"high\"}", "priority: must be a whole number"},
        {"{\"maxConcurrency\": -1}", "maxConcurrency: must be between 0 (no limit) and 100000"},
        {"{\"enabled\": \"yes\"}", "enabled: must be true or false"},
        {"{\"paused\": true}", "paused: unknown field"},
        {"[1]", "the document must be an object"},
        {"{\"priority\": ", ""}}) {
      Reply reply = putSettings("gpu", bad[0]);
      assertThat(reply.status()).as(bad[0]).isEqualTo(400);
      assertThat(reply.message()).as(bad[0]).contains(bad[1]);
    }
    Reply badName = putSettings("a%20b", "{}");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.message()).contains("1 to 64 letters, digits, '.', '_', ':' or '-'");
    assertThat(server.store.queueSettings()).extracting(q -> q.priority()).containsExactly(7);
  }
}
