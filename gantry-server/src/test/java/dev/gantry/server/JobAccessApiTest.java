package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.TokenRequest;
import dev.gantry.server.TestServer.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-job access over real HTTP with authentication on: a job its caller may not read does not
 * exist for it on any endpoint of any dialect, nor in lists, searches and totals; one it may read
 * but not change refuses changes; public jobs, write access, roles and admins.
 */
class JobAccessApiTest {

  private final TestServer server = TestServer.withAuth();
  private final String alice = bearer(token("alice", Scope.JOBS_READ, Scope.JOBS_WRITE));
  private final String bob = bearer(token("bob", Scope.JOBS_READ, Scope.JOBS_WRITE));
  private final String admin = bearer(server.adminToken);

  @AfterEach
  void stop() {
    server.close();
  }

  private String token(String user, Scope... scopes) {
    return server.tokens.create(Principal.SYSTEM, new TokenRequest(user, "test", Set.of(scopes), null)).secret();
  }

  private static String bearer(String secret) {
    return "Bearer " + secret;
  }

  private Reply call(String method, String path, String authorization) {
    return server.send(HttpRequest.newBuilder(server.uri(path)).method(method, BodyPublishers.noBody())
        .header("Authorization", authorization));
  }

  private String submit(String authorization, String name, String permissions) {
    String yaml = "name: " + name + "\n" + (permissions == null ? "" : "permissions: " + permissions + "\n")
        + "tasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n";
    Reply reply = server.send(HttpRequest.newBuilder(server.uri("/jobs")).POST(BodyPublishers.ofString(yaml))
        .header("Content-Type", "text/yaml").header("Authorization", authorization));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("id").asText();
  }

  /** Every endpoint that shows one job or one of its tasks, for that job and its first task run. */
  private List<String> readPaths(String job) {
    String run = server.jobs.runs(job).get(0).id();
    return List.of("/jobs/" + job, "/jobs/" + job + "/log", "/jobs/" + job + "/log/stream", "/jobs/" + job + "/status",
        "/jobs/" + job + "/logs", "/build/" + job + "/status", "/build/" + job + "/logs", "/tasks/" + run,
        "/tasks/" + run + "/log");
  }

  /** The status of a GET, read as soon as the headers come: live streams of a running job do not end. */
  private int status(String path, String authorization) {
    try (LiveResponse response = LiveResponse.open(server.uri(path), "Authorization", authorization)) {
      return response.status();
    }
  }

  private long total(String authorization, String q) {
    Reply list = call("GET", "/jobs" + (q == null ? "" : "?q=" + q), authorization);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    return list.json().path("totalItems").asLong();
  }

  private List<String> names(String authorization, String q) {
    List<String> names = new ArrayList<>();
    for (JsonNode item : call("GET", "/jobs?size=20" + (q == null ? "" : "&q=" + q), authorization).json().path("items")) {
      names.add(item.path("name").asText());
    }
    return names;
  }

  @Test
  void aPrivateJobDoesNotExistForAnotherUserOnAnyEndpointNorInListsSearchesAndTotals() {
    String job = submit(alice, "alices-build", null);

    for (String path : readPaths(job)) {
      assertThat(status(path, alice)).as("alice " + path).isEqualTo(200);
      Reply other = call("GET", path, bob);
      assertThat(other.status()).as("bob " + path + ": " + other.body()).isEqualTo(404);
      assertThat(other.body()).as(path).doesNotContain("alices-build");
    }
    assertThat(call("PUT", "/jobs/" + job + "/cancel", bob).status()).isEqualTo(404);
    assertThat(call("PUT", "/jobs/" + job + "/restart", bob).status()).isEqualTo(404);
    assertThat(server.jobs.job(job).state().name()).isEqualTo("QUEUED");

    submit(bob, "bobs-build", null);
    assertThat(names(bob, null)).containsExactly("bobs-build");
    assertThat(total(bob, null)).isEqualTo(1);
    assertThat(total(bob, "build")).isEqualTo(1);
    assertThat(total(bob, "alices")).isZero();
    assertThat(names(bob, "tag:x")).isEmpty();
    assertThat(names(alice, "build")).containsExactly("alices-build");
    assertThat(names(admin, "build")).containsExactlyInAnyOrder("alices-build", "bobs-build");
    assertThat(total(admin, null)).isEqualTo(2);
    for (String path : readPaths(job)) {
      assertThat(status(path, admin)).as("admin " + path).isEqualTo(200);
    }
  }

  @Test
  void aPublicJobIsReadByEveryoneAndChangedByItsOwnerOnly() {
    String job = submit(alice, "open-build", "[{user: '*'}]");

    for (String path : readPaths(job)) {
      assertThat(status(path, bob)).as("bob " + path).isEqualTo(200);
    }
    assertThat(names(bob, null)).containsExactly("open-build");
    Reply cancel = call("PUT", "/jobs/" + job + "/cancel", bob);
    assertThat(cancel.status()).isEqualTo(403);
    assertThat(cancel.message()).contains("bob may see job " + job + " but not change it");
    assertThat(call("PUT", "/jobs/" + job + "/cancel", alice).status()).isEqualTo(200);
  }

  @Test
  void writeAccessLetsAnotherUserCancelAndRestart() {
    String job = submit(alice, "shared-build", "[{user: bob, access: write}]");

    assertThat(call("PUT", "/jobs/" + job + "/cancel", bob).status()).isEqualTo(200);
    assertThat(call("PUT", "/jobs/" + job + "/restart", bob).status()).isEqualTo(200);
    String carol = bearer(token("carol", Scope.JOBS_READ, Scope.JOBS_WRITE));
    assertThat(call("GET", "/jobs/" + job, carol).status()).isEqualTo(404);
  }

  @Test
  void aRoleLetsItsMembersSeeTheJob() {
    String job = submit(alice, "team-build", "[{role: developers}]");
    assertThat(call("GET", "/jobs/" + job, bob).status()).isEqualTo(404);

    server.store.joinRole("developers", "bob");

    assertThat(call("GET", "/jobs/" + job, bob).status()).isEqualTo(200);
    assertThat(names(bob, "team")).containsExactly("team-build");
    assertThat(call("PUT", "/jobs/" + job + "/cancel", bob).status()).isEqualTo(403);
  }

  @Test
  void aReadTokenOfAUserWithWriteAccessStillCannotChange() {
    String job = submit(alice, "build", "[{user: bob, access: write}]");
    String bobReads = bearer(token("bob", Scope.JOBS_READ));

    assertThat(call("GET", "/jobs/" + job, bobReads).status()).isEqualTo(200);
    Reply cancel = call("PUT", "/jobs/" + job + "/cancel", bobReads);
    assertThat(cancel.status()).isEqualTo(403);
    assertThat(cancel.message()).contains("jobs:write");
  }

  @Test
  void malformedPermissionsAreRefusedNamingTheEntry() {
    String[][] cases = {
        {"[{user: alice, role: devs}]", "permissions[0]: name either a user or a role"},
        {"[{}]", "permissions[0]: name either a user or a role"},
        {"[{user: 'a b'}]", "permissions[0].user: must be 1 to 64 letters"},
        {"[{role: '*'}]", "permissions[0].role: must be 1 to 64 letters"},
        {"[{user: '*', access: write}]", "permissions[0].access: '*' may only read"},
        {"[{user: bob, access: admin}]", "permissions[0].access: must be read or write"},
        {"[{user: bob, group: x}]", "permissions[0].group: unknown field"},
        {"{user: bob}", "permissions: must be a list"},
        {"[bob]", "permissions[0]: must be an object"},
    };
    for (String[] c : cases) {
      String yaml = "name: j\npermissions: " + c[0] + "\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n";
      Reply reply = server.send(HttpRequest.newBuilder(server.uri("/jobs")).POST(BodyPublishers.ofString(yaml))
          .header("Content-Type", "text/yaml").header("Authorization", alice));
      assertThat(reply.status()).as(c[0]).isEqualTo(400);
      assertThat(reply.message()).as(c[0]).contains(c[1]);
    }
    assertThat(server.storedJobs()).isZero();
  }
}
