package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /nodes}, {@code GET /queues}, {@code GET} and {@code DELETE /queues/{name}} in Tork's shapes. */
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

    assertThat(all.body()).isEqualTo("[{\"name\":\"default\",\"size\":1,\"subscribers\":1,\"unacked\":1},"
        + "{\"name\":\"special\",\"size\":1,\"subscribers\":0,\"unacked\":0}]");
    assertThat(special.body()).isEqualTo("{\"name\":\"special\",\"size\":1,\"subscribers\":0,\"unacked\":0}");
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
}
