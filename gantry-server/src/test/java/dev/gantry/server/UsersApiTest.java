package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.server.TestServer.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Users with passwords (Tork's POST /users) and roles (Gantry's /roles) over real HTTP with
 * authentication on: only admins make them, Basic with a user's password works on every dialect,
 * a failed sign-in does not say whether the user exists, and a role opens its members' access.
 */
class UsersApiTest {

  private static final String PASSWORD = "correct horse battery";
  private final TestServer server = TestServer.withAuth();
  private final String admin = "Bearer " + server.adminToken;

  @AfterEach
  void stop() {
    server.close();
  }

  private Reply call(String method, String path, String authorization, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
        .header("Content-Type", body != null && !body.startsWith("{") && !body.startsWith("[") && !body.startsWith("\"")
            && !body.equals("not json") ? "text/yaml" : "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return server.send(request);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private void createAlice() {
    Reply made = call("POST", "/users", admin, "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(made.status()).as(made.body()).isEqualTo(200);
    assertThat(made.json().path("username").asText()).isEqualTo("alice");
    assertThat(made.body()).doesNotContain(PASSWORD);
  }

  @Test
  void anAdminMakesAUserWhoSignsInWithBasicOnEveryDialect() {
    createAlice();
    String alice = basic("alice", PASSWORD);

    assertThat(call("GET", "/jobs", alice, null).status()).isEqualTo(200);
    assertThat(call("GET", "/nodes", alice, null).status()).isEqualTo(200);
    Reply submitted = call("POST", "/jobs", alice, "name: j\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
    String job = submitted.json().path("id").asText();
    assertThat(server.jobs.job(job).owner()).isEqualTo("alice");
    assertThat(call("GET", "/build/" + job + "/status", alice, null).status()).isEqualTo(200);
    assertThat(call("GET", "/jobs/" + job + "/status", alice, null).status()).isEqualTo(200);
    // A password sign-in reads and changes jobs; it administers nothing.
    assertThat(call("POST", "/users", alice, "{\"username\":\"eve\",\"password\":\"" + PASSWORD + "\"}").status())
        .isEqualTo(403);
    assertThat(call("DELETE", "/queues/default", alice, null).status()).isEqualTo(403);
  }

  @Test
  void aWrongPasswordAndAnUnknownUserAreRefusedAlike() {
    createAlice();

    Reply wrong = call("GET", "/jobs", basic("alice", "not the password"), null);
    Reply unknown = call("GET", "/jobs", basic("mallory", "not the password"), null);
    Reply hades = call("GET", "/build/x/status", basic("nobody", "not the password"), null);

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.message()).isEqualTo(unknown.message())
        .isEqualTo("the Basic credential is neither a valid token nor a user's name and password");
    assertThat(hades.status()).isEqualTo(401);
    assertThat(hades.header("Content-Type")).startsWith("text/plain");
  }

  @Test
  void onlyAnAdminMakesUsersAndAUserIsMadeOnce() {
    String reader = "Bearer " + server.tokens.create(dev.gantry.core.auth.Principal.SYSTEM,
        new dev.gantry.core.auth.TokenRequest("bob", "t", java.util.Set.of(dev.gantry.core.auth.Scope.JOBS_READ,
            dev.gantry.core.auth.Scope.JOBS_WRITE), null)).secret();
    assertThat(call("POST", "/users", null, "{\"username\":\"x\",\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(401);
    Reply refused = call("POST", "/users", reader, "{\"username\":\"x\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.message()).contains("admin");

    createAlice();
    Reply again = call("POST", "/users", admin, "{\"username\":\"alice\",\"password\":\"another long password\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.message()).isEqualTo("user alice exists already");
    assertThat(call("GET", "/jobs", basic("alice", "another long password"), null).status()).isEqualTo(401);
  }

  @Test
  void malformedUserAndRoleRequestsAreRefusedNamingTheField() {
    String[][] cases = {
        {"/users", "not json", "the body is not JSON"},
        {"/users", "[]", "must be a JSON object"},
        {"/users", "{\"username\":\"alice\"}", "password: must be 12 to 256 characters"},
        {"/users", "{\"username\":\"alice\",\"password\":\"short\"}", "password: must be 12 to 256"},
        {"/users", "{\"username\":\"a b\",\"password\":\"" + PASSWORD + "\"}", "username: must be 1 to 64"},
        {"/users", "{\"username\":7,\"password\":\"" + PASSWORD + "\"}", "username: must be a string"},
        {"/users", "{\"username\":\"a\",\"password\":\"" + PASSWORD + "\",\"admin\":true}", "admin: unknown field"},
        {"/users", "{\"username\":\"a\",\"password\":\"" + PASSWORD + "\\u0000\"}", "password: must not hold control"},
        {"/roles", "{}", "name: must be 1 to 64"},
        {"/roles", "{\"name\":\"devs\",\"members\":[]}", "members: unknown field"},
    };
    for (String[] c : cases) {
      Reply reply = call("POST", c[0], admin, c[1]);
      assertThat(reply.status()).as(c[0] + " " + c[1]).isEqualTo(400);
      assertThat(reply.message()).as(c[1]).contains(c[2]);
    }
    assertThat(call("PUT", "/roles/devs/members/bob", admin, null).status()).isEqualTo(404);
    assertThat(call("PUT", "/roles/devs/members/a%20b", admin, null).status()).isIn(400, 404);
  }

  @Test
  void anAdminManagesRolesWhoseMembersSeeTheJobsThatNameThem() {
    createAlice();
    String alice = basic("alice", PASSWORD);
    String bob = "Bearer " + server.tokens.create(dev.gantry.core.auth.Principal.SYSTEM,
        new dev.gantry.core.auth.TokenRequest("bob", "t", java.util.Set.of(dev.gantry.core.auth.Scope.JOBS_READ), null)).secret();
    Reply job = call("POST", "/jobs", alice,
        "name: team\npermissions: [{role: devs}]\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n");
    String id = job.json().path("id").asText();
    assertThat(call("GET", "/jobs/" + id, bob, null).status()).isEqualTo(404);

    assertThat(call("POST", "/roles", alice, "{\"name\":\"devs\"}").status()).isEqualTo(403);
    Reply made = call("POST", "/roles", admin, "{\"name\":\"devs\"}");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    assertThat(call("POST", "/roles", admin, "{\"name\":\"devs\"}").status()).isEqualTo(409);
    Reply joined = call("PUT", "/roles/devs/members/bob", admin, null);
    assertThat(joined.json().path("members")).extracting(n -> n.asText()).containsExactly("bob");
    assertThat(call("GET", "/jobs/" + id, bob, null).status()).isEqualTo(200);
    assertThat(call("GET", "/jobs", bob, null).json().path("totalItems").asLong()).isEqualTo(1);
    assertThat(call("GET", "/roles", admin, null).json()).hasSize(1);
    assertThat(call("GET", "/roles", bob, null).status()).isEqualTo(403);

    assertThat(call("DELETE", "/roles/devs/members/bob", admin, null).status()).isEqualTo(200);
    assertThat(call("GET", "/jobs/" + id, bob, null).status()).isEqualTo(404);
    assertThat(call("DELETE", "/roles/devs", admin, null).status()).isEqualTo(200);
    assertThat(call("DELETE", "/roles/devs", admin, null).status()).isEqualTo(404);
  }
}
