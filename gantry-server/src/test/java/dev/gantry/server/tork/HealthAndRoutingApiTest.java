package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.server.GantryVersion;
import dev.gantry.server.ServerSettings;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /health}, and what the native API answers for paths and methods it does not have. */
class HealthAndRoutingApiTest {

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void healthIsUpWithTheVersion() {
    Reply reply = server.get("/health");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("status").asText()).isEqualTo("UP");
    assertThat(reply.json().path("version").asText()).isEqualTo(GantryVersion.current()).matches("\\d+\\.\\d+.*");
  }

  @Test
  void healthReportsTheVersionItWasGiven() {
    try (TestServer versioned = new TestServer(ServerSettings.defaults().withPort(0).withVersion("9.8.7"))) {
      assertThat(versioned.get("/health").json().path("version").asText()).isEqualTo("9.8.7");
    }
  }

  @Test
  void healthIsDownWhenTheStoreIs() {
    server.store.setHealthy(false);
    Reply reply = server.get("/health");
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.json().path("status").asText()).isEqualTo("DOWN");
    assertThat(reply.json().has("version")).isTrue();
  }

  @Test
  void unknownPathsAre404Json() {
    for (String path : new String[] {"/nope", "/jobs/x/y/z", "/api/nope", "/tasks"}) {
      Reply reply = server.get(path);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.header("Content-Type")).startsWith("application/json");
      assertThat(reply.message()).startsWith("no such endpoint: GET ");
    }
  }

  @Test
  void wrongMethodsAre405JsonWithAllow() {
    Reply reply = server.send(HttpRequest.newBuilder(server.uri("/jobs")).DELETE());
    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.header("Allow")).contains("GET").contains("POST");
    assertThat(reply.message()).contains("DELETE").contains("/jobs");

    assertThat(server.get("/jobs/abc/cancel").status()).isEqualTo(405);
    assertThat(server.post("/health", "application/json", "{}").status()).isEqualTo(405);
    assertThat(server.send(HttpRequest.newBuilder(server.uri("/jobs/abc")).method("PATCH", BodyPublishers.ofString("x")))
        .message()).startsWith("method PATCH is not allowed");
  }

  @Test
  void requestsJettyRejectsAreJsonToo() {
    Reply reply = server.get("/jobs/" + "a".repeat(20_000));
    assertThat(reply.status()).isIn(414, 431);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.message()).isNotBlank();
  }
}
