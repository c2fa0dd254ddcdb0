package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.TokenRequest;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who may open a shell in a build's environment ({@code GET /jobs/{id}/shell}), over real HTTP with
 * authentication on: only its owner (or an admin) with a token that may change jobs; a grantee with
 * write access may not (a shell reads the build's secrets). Refusals are the native API's errors
 * for a plain GET, and the same statuses for a real WebSocket handshake (checked before the upgrade).
 */
class JobShellApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestServer server = TestServer.withAuth();
  private final String alice = token("alice", Scope.JOBS_READ, Scope.JOBS_WRITE);
  private final String bob = token("bob", Scope.JOBS_READ, Scope.JOBS_WRITE);
  private final String carol = token("carol", Scope.JOBS_READ, Scope.JOBS_WRITE);
  private final String dave = token("dave", Scope.JOBS_READ, Scope.JOBS_WRITE);
  private final String aliceReadOnly = token("alice", Scope.JOBS_READ);

  @AfterEach
  void stop() {
    server.close();
  }

  private String token(String user, Scope... scopes) {
    return "Bearer " + server.tokens.create(Principal.SYSTEM, new TokenRequest(user, "test", Set.of(scopes), null)).secret();
  }

  /** Alice's build, readable by bob (not writable), writable by dave, queued: no worker runs it here. */
  private String alicesBuild() throws Exception {
    String body = JSON.writeValueAsString(Map.of("manifest", "image: alpine/latest\ntasks: [{t: 'true'}]\n",
        "access:read", List.of("bob"), "access:write", List.of("dave")));
    Reply submitted = server.send(HttpRequest.newBuilder(server.uri("/api/jobs")).header("Authorization", alice)
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
    Reply list = shell("/jobs", alice);
    return list.json().path("items").get(0).path("id").asText();
  }

  private Reply shell(String path, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return server.send(request);
  }

  /** The status a real WebSocket handshake is answered with (101 once it is upgraded). */
  private int handshake(String path, String authorization) throws Exception {
    return handshake(path, authorization, null);
  }

  private int handshake(String path, String authorization, String origin) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (origin != null) {
      builder.header("Origin", origin);
    }
    URI uri = URI.create(server.uri(path).toString().replaceFirst("^http", "ws"));
    try {
      WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {}).get(30, TimeUnit.SECONDS);
      socket.abort();
      return 101;
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
      return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
  }

  @Test
  void onlyTheOwnerWhoMayChangeTheJobGetsFurtherThanTheChecks() throws Exception {
    String job = alicesBuild();
    String path = "/jobs/" + job + "/shell";

    Reply reader = shell(path, bob);
    assertThat(reader.status()).as(reader.body()).isEqualTo(403);
    assertThat(reader.json().path("message").asText()).contains("bob may see job " + job + " but not change it");

    Reply writer = shell(path, dave);
    assertThat(writer.status()).as(writer.body()).isEqualTo(403);
    assertThat(writer.json().path("message").asText()).contains("dave may change job " + job + " but not open a shell")
        .contains("only its owner or an admin");

    Reply stranger = shell(path, carol);
    assertThat(stranger.status()).as(stranger.body()).isEqualTo(404);

    Reply readOnlyToken = shell(path, aliceReadOnly);
    assertThat(readOnlyToken.status()).as(readOnlyToken.body()).isEqualTo(403);
    assertThat(readOnlyToken.json().path("message").asText()).contains("jobs:write");

    assertThat(shell(path, null).status()).isEqualTo(401);
    assertThat(shell("/jobs/no-such-job/shell", alice).status()).isEqualTo(404);

    // The owner passes the access checks; the build has not run (no worker here), so there is no environment yet.
    Reply owner = shell(path, alice);
    assertThat(owner.status()).as(owner.body()).isEqualTo(409);
    assertThat(owner.json().path("message").asText()).contains("is QUEUED")
        .contains("kept (and a shell opens in it) once the build has ended");

    // The same answers to a real handshake: nothing is upgraded before the checks pass.
    assertThat(handshake(path, bob)).isEqualTo(403);
    assertThat(handshake(path, dave)).isEqualTo(403);
    assertThat(handshake(path, carol)).isEqualTo(404);
    assertThat(handshake(path, aliceReadOnly)).isEqualTo(403);
    assertThat(handshake(path, null)).isEqualTo(401);
    assertThat(handshake(path, alice)).isEqualTo(409);
    // A page on another site may not open one with the owner's credentials (browsers send WebSocket
    // upgrades cross-site); the server's own pages may.
    assertThat(handshake(path, alice, "http://evil.example")).isEqualTo(403);
    assertThat(handshake(path, alice, "http://" + server.uri("/").getAuthority())).isEqualTo(409);
    assertThat(server.takeLoggedErrors()).isEmpty();
  }
}
