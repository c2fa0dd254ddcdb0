package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.TokenRequest;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who may open a shell in a build's environment ({@code GET /jobs/{id}/shell}), over real HTTP with
 * authentication on: only a caller who may change the job; refusals are the native API's errors, the
 * same with a WebSocket handshake (checked before the upgrade) as without.
 */
class JobShellApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestServer server = TestServer.withAuth();
  private final String alice = token("alice", Scope.JOBS_READ, Scope.JOBS_WRITE);
  private final String bob = token("bob", Scope.JOBS_READ, Scope.JOBS_WRITE);
  private final String carol = token("carol", Scope.JOBS_READ, Scope.JOBS_WRITE);
  private final String aliceReadOnly = token("alice", Scope.JOBS_READ);

  @AfterEach
  void stop() {
    server.close();
  }

  private String token(String user, Scope... scopes) {
    return "Bearer " + server.tokens.create(Principal.SYSTEM, new TokenRequest(user, "test", Set.of(scopes), null)).secret();
  }

  /** Alice's build, readable by bob (not writable), queued: no worker runs it here. */
  private String alicesBuild() throws Exception {
    String body = JSON.writeValueAsString(Map.of("manifest", "image: alpine/latest\ntasks: [{t: 'true'}]\n",
        "access:read", List.of("bob")));
    Reply submitted = server.send(HttpRequest.newBuilder(server.uri("/api/jobs")).header("Authorization", alice)
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
    Reply list = shell("/jobs", alice, false);
    return list.json().path("items").get(0).path("id").asText();
  }

  private Reply shell(String path, String authorization, boolean handshake) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (handshake) {
      request.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13");
    }
    return server.send(request);
  }

  @Test
  void onlyACallerWhoMayChangeTheJobGetsFurtherThanTheChecks() throws Exception {
    String job = alicesBuild();
    String path = "/jobs/" + job + "/shell";

    for (boolean handshake : new boolean[] {false, true}) {
      Reply reader = shell(path, bob, handshake);
      assertThat(reader.status()).as(reader.body()).isEqualTo(403);
      assertThat(reader.json().path("message").asText()).contains("bob may see job " + job + " but not change it");

      Reply stranger = shell(path, carol, handshake);
      assertThat(stranger.status()).as(stranger.body()).isEqualTo(404);

      Reply readOnlyToken = shell(path, aliceReadOnly, handshake);
      assertThat(readOnlyToken.status()).as(readOnlyToken.body()).isEqualTo(403);
      assertThat(readOnlyToken.json().path("message").asText()).contains("jobs:write");

      assertThat(shell(path, null, handshake).status()).isEqualTo(401);
      assertThat(shell("/jobs/no-such-job/shell", alice, handshake).status()).isEqualTo(404);

      // The owner passes the access checks; the build has not run (no worker here), so there is no environment yet.
      Reply owner = shell(path, alice, handshake);
      assertThat(owner.status()).as(owner.body()).isEqualTo(409);
      assertThat(owner.json().path("message").asText()).contains("is QUEUED")
          .contains("kept (and a shell opens in it) once the build has ended");
    }
    assertThat(server.takeLoggedErrors()).isEmpty();
  }
}
