package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.auth.ApiToken;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.TokenRequest;
import dev.gantry.core.auth.TokenSecret;
import dev.gantry.core.engine.ScheduleFirer;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.server.TestServer.Reply;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Authentication over real HTTP with it on: every route of every dialect needs a credential
 * (but {@code /health} and {@code /ping}), scopes limit what a token does, revoked and expired
 * tokens are refused, and each dialect answers in its own error shape.
 */
class AuthenticationApiTest {

  private static final String JOB = "name: j\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n";
  private static final String BUILD = "{\"name\":\"b\",\"steps\":[{\"id\":1,\"image\":\"busybox:latest\",\"script\":\"true\"}]}";

  private final TestServer server = TestServer.withAuth();

  @AfterEach
  void stop() {
    server.close();
  }

  private Reply call(String method, String path, String authorization, String contentType, String body) {
    return server.send(method, path, authorization, contentType, body);
  }

  private String bearer(String secret) {
    return "Bearer " + secret;
  }

  private String tokenWith(String user, Scope... scopes) {
    return server.tokens.create(dev.gantry.core.auth.Principal.SYSTEM, new TokenRequest(user, "test", Set.of(scopes), null))
        .secret();
  }

  /** A concrete path for a route: its parameters filled with ids no job has. */
  private static String concrete(Route route) {
    return route.path().replaceAll("\\{[^}]+}", "0190f5a0c0de7000800000000000abcd");
  }

  /** Whether the answer is in the error shape of the dialect that owns the path. */
  private static void assertDialectShape(Route route, Reply reply) {
    String path = route.path();
    if (path.startsWith("/build")) {
      assertThat(reply.header("Content-Type")).as(path).startsWith("text/plain");
      assertThat(reply.body()).as(path).isNotBlank();
    } else if (path.startsWith("/api/job") || path.startsWith("/logs/") || path.equals("/secrets")) {
      // builds.sr.ht's shape and wording
      assertThat(reply.json().path("errors").get(0).path("reason").asText()).as(path)
          .isIn("No authorization supplied (expected an OAuth token)", "Invalid or expired OAuth token");
    } else if (path.matches("/jobs/\\{id}/(status|logs)")) {
      assertThat(reply.json().path("error").asText()).as(path).isNotBlank();
    } else {
      assertThat(reply.message()).as(path).isNotBlank();
    }
  }

  @Test
  void everyRouteButHealthAndPingAsksForACredentialInItsDialectsShape() {
    List<Route> routes = server.routes();
    assertThat(routes).extracting(Route::path)
        .contains("/jobs", "/jobs/{id}", "/tasks/{id}", "/nodes", "/queues/{name}", "/build", "/build/{id}/status",
            "/jobs/{id}/status", "/jobs/{id}/logs", "/auth/tokens", "/auth/tokens/{id}", "/metrics", "/scheduled-jobs",
            "/scheduled-jobs/{id}", "/scheduled-jobs/{id}/pause", "/scheduled-jobs/{id}/resume", "/jobs/{id}/deliveries");
    // Open: the two health checks, the API's description and the web UI's files, which hold no data (its pages ask the API, with a token).
    assertThat(routes).filteredOn(Route::open).extracting(Route::path)
        .filteredOn(path -> !path.startsWith("/ui/")).containsExactlyInAnyOrder("/health", "/ping", "/", "/ui", "/openapi.json");
    assertThat(routes).filteredOn(Route::open).extracting(Route::path).filteredOn(path -> path.startsWith("/ui/"))
        .allMatch(path -> path.matches("/ui/[a-z-]+\\.(html|js|css|svg)"));

    for (Route route : routes) {
      String path = concrete(route);
      if (route.open()) {
        Reply reply = call(route.method(), path, null, null, null);
        if (path.equals("/")) {
          assertThat(reply.status()).as(path).isEqualTo(302);
          assertThat(reply.header("Location")).as(path).isEqualTo("/ui");
        } else {
          assertThat(reply.status()).as(path).isEqualTo(200);
        }
        continue;
      }
      // A wrong Basic password here is a token of Gantry's form, as Hades sends its key: a password
      // tried on every route would be held up by the sign-in throttle (SignInThrottleApiTest).
      for (String credential : new String[] {null, bearer("gantry_not-a-token"), "Basic " + basic("hades:gantry_wrong")}) {
        Reply reply = call(route.method(), path, credential, "application/json", route.method().equals("GET") ? null : "{}");
        assertThat(reply.status()).as(route + " with " + credential).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).as(path).contains("Bearer").contains("Basic");
        assertDialectShape(route, reply);
      }
    }
    assertThat(server.storedJobs()).isZero();
  }

  private static String basic(String userAndPassword) {
    return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aTokenIsAcceptedAsBearerAsTokenAndAsTheBasicPassword() {
    String secret = tokenWith("alice", Scope.JOBS_READ);

    assertThat(call("GET", "/jobs", bearer(secret), null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/jobs", "bearer " + secret, null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/jobs", "token " + secret, null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/nodes", "Basic " + basic("hades:" + secret), null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/queues", "Basic " + basic(":" + secret), null, null).status()).isEqualTo(200);
  }

  @Test
  void aReadTokenReadsButCannotSubmitCancelRestartOrPurge() {
    String admin = bearer(server.adminToken);
    String shared = "name: j\npermissions: [{user: alice, access: write}]\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n";
    String job = call("POST", "/jobs", admin, "text/yaml", shared).json().path("id").asText();
    String reader = bearer(tokenWith("alice", Scope.JOBS_READ));

    assertThat(call("GET", "/jobs/" + job, reader, null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/jobs/" + job + "/status", reader, null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/build/" + job + "/status", reader, null, null).status()).isEqualTo(200);
    Reply submit = call("POST", "/jobs", reader, "text/yaml", JOB);
    assertThat(submit.status()).isEqualTo(403);
    assertThat(submit.message()).contains("jobs:write");
    Reply build = call("POST", "/build", reader, "application/json", BUILD);
    assertThat(build.status()).isEqualTo(403);
    assertThat(build.header("Content-Type")).startsWith("text/plain");
    assertThat(call("PUT", "/jobs/" + job + "/cancel", reader, null, null).status()).isEqualTo(403);
    assertThat(call("PUT", "/jobs/" + job + "/restart", reader, null, null).status()).isEqualTo(403);
    assertThat(call("DELETE", "/queues/default", reader, null, null).status()).isEqualTo(403);
    assertThat(server.storedJobs()).isEqualTo(1);
    assertThat(server.jobs.job(job).state().name()).isEqualTo("QUEUED");
  }

  @Test
  void aWriteTokenSubmitsAndCancelsButOnlyAnAdminPurgesAQueue() {
    String writer = bearer(tokenWith("bob", Scope.JOBS_READ, Scope.JOBS_WRITE));
    String job = call("POST", "/jobs", writer, "text/yaml", JOB).json().path("id").asText();
    Reply build = call("POST", "/build", writer, "application/json", BUILD);
    assertThat(build.status()).isEqualTo(200);
    assertThat(server.jobs.job(job).owner()).isEqualTo("bob");
    assertThat(server.jobs.job(build.json().path("id").asText()).owner()).isEqualTo("bob");
    assertThat(call("PUT", "/jobs/" + job + "/cancel", writer, null, null).status()).isEqualTo(200);
    assertThat(call("PUT", "/jobs/" + job + "/restart", writer, null, null).status()).isEqualTo(200);

    assertThat(call("DELETE", "/queues/default", writer, null, null).status()).isEqualTo(403);
    assertThat(call("PUT", "/queues/default", writer, "application/json", "{\"priority\": 1}").status()).isEqualTo(403);
    assertThat(server.store.queueSettings()).isEmpty();
    assertThat(call("PUT", "/queues/default", bearer(server.adminToken), "application/json", "{\"priority\": 1}").status())
        .isEqualTo(200);
    assertThat(call("DELETE", "/queues/default", bearer(server.adminToken), null, null).status()).isEqualTo(200);
  }

  @Test
  void metricsNeedAReadTokenInJsonAndForAPrometheusScraper() {
    String reader = bearer(tokenWith("prometheus", Scope.JOBS_READ));
    String writer = bearer(tokenWith("bob", Scope.JOBS_WRITE));

    assertThat(call("GET", "/metrics", reader, null, null).json().path("jobs").has("running")).isTrue();
    Reply scrape = server.send(HttpRequest.newBuilder(server.uri("/metrics")).header("Authorization", reader)
        .header("Accept", "text/plain;version=0.0.4").GET());
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.body()).contains("gantry_jobs{state=\"queued\"}");
    Reply unscoped = server.send(HttpRequest.newBuilder(server.uri("/metrics")).header("Authorization", writer)
        .header("Accept", "application/openmetrics-text").GET());
    assertThat(unscoped.status()).isEqualTo(403);
    assertThat(unscoped.message()).contains("jobs:read");
    assertThat(unscoped.body()).doesNotContain("gantry_jobs");
    assertThat(call("GET", "/metrics", writer, null, null).status()).isEqualTo(403);
  }

  @Test
  void scheduledJobsAreReadWithReadAndChangedWithWriteAndTheirJobsAreTheCreators() {
    String reader = bearer(tokenWith("bob", Scope.JOBS_READ));
    String other = bearer(tokenWith("alice", Scope.JOBS_READ, Scope.JOBS_WRITE));
    String writer = bearer(tokenWith("bob", Scope.JOBS_READ, Scope.JOBS_WRITE));
    String scheduled = "name: nightly\nschedule: {cron: '* * * * *'}\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n";

    assertThat(call("POST", "/scheduled-jobs", reader, "text/yaml", scheduled).status()).isEqualTo(403);
    Reply made = call("POST", "/scheduled-jobs", writer, "text/yaml", scheduled);
    assertThat(made.status()).as(made.body()).isEqualTo(200);
    String id = made.json().path("id").asText();
    assertThat(server.store.findSchedule(id).orElseThrow().owner()).isEqualTo("bob");

    assertThat(call("GET", "/scheduled-jobs", reader, null, null).json().path("totalItems").asLong()).isEqualTo(1);
    assertThat(call("GET", "/scheduled-jobs/" + id, reader, null, null).status()).isEqualTo(200);
    // Another user's schedule does not exist for alice.
    assertThat(call("GET", "/scheduled-jobs", other, null, null).json().path("totalItems").asLong()).isZero();
    for (String[] look : new String[][] {{"GET", ""}, {"PUT", "/pause"}, {"PUT", "/resume"}, {"DELETE", ""}}) {
      assertThat(call(look[0], "/scheduled-jobs/" + id + look[1], other, null, null).status()).as(look[0] + look[1])
          .isEqualTo(404);
    }
    assertThat(call("GET", "/scheduled-jobs", bearer(server.adminToken), null, null).json().path("totalItems").asLong())
        .isEqualTo(1);
    for (String[] change : new String[][] {{"PUT", "/pause"}, {"PUT", "/resume"}, {"DELETE", ""}}) {
      Reply refused = call(change[0], "/scheduled-jobs/" + id + change[1], reader, null, null);
      assertThat(refused.status()).as(change[0] + change[1]).isEqualTo(403);
      assertThat(refused.message()).contains("jobs:write");
    }
    assertThat(call("PUT", "/scheduled-jobs/" + id + "/pause", writer, null, null).status()).isEqualTo(200);
    assertThat(call("PUT", "/scheduled-jobs/" + id + "/resume", writer, null, null).status()).isEqualTo(200);

    new ScheduleFirer(server.store, server.signals,
        Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2))).run();
    List<Job> fired = server.store.listJobs(JobQuery.parse(null, 1, 10)).items();
    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).owner()).as("a tick's job is its schedule's creator's").isEqualTo("bob");
    assertThat(fired.get(0).scheduleId()).isEqualTo(id);

    assertThat(call("DELETE", "/scheduled-jobs/" + id, writer, null, null).status()).isEqualTo(200);
    assertThat(server.store.findSchedule(id)).isEmpty();
  }

  @Test
  void revokedAndExpiredTokensAreRefused() {
    String secret = tokenWith("alice", Scope.JOBS_READ);
    String id = server.tokenStore.findTokenByHash(TokenSecret.hash(secret)).orElseThrow().id();
    assertThat(call("GET", "/jobs", bearer(secret), null, null).status()).isEqualTo(200);
    assertThat(call("DELETE", "/auth/tokens/" + id, bearer(server.adminToken), null, null).status()).isEqualTo(200);
    Reply revoked = call("GET", "/jobs", bearer(secret), null, null);
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.message()).isEqualTo("the token was revoked");

    Instant past = Instant.now().minusSeconds(60);
    server.tokenStore.insertToken(new ApiToken("expired", "alice", "old", Set.of(Scope.ADMIN), past.minusSeconds(60), past,
        null, TokenSecret.hash("gantry_expired-secret")));
    Reply expired = call("GET", "/ping", null, null, null);
    assertThat(expired.status()).isEqualTo(200);
    assertThat(call("GET", "/build/x/status", bearer("gantry_expired-secret"), null, null).body()).contains("expired");
    assertThat(call("GET", "/jobs", bearer("gantry_expired-secret"), null, null).status()).isEqualTo(401);
  }

  @Test
  void tokensAreMadeShownOnceListedWithoutSecretsAndRevokedOverHttp() {
    Reply made = call("POST", "/auth/tokens", bearer(server.adminToken), "application/json",
        "{\"user\":\"alice\",\"name\":\"laptop\",\"scopes\":[\"jobs:read\",\"jobs:write\"],\"expiresIn\":\"30d\"}");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    JsonNode token = made.json();
    assertThat(token.path("token").asText()).startsWith("gantry_");
    assertThat(token.path("user").asText()).isEqualTo("alice");
    assertThat(token.path("scopes")).extracting(JsonNode::asText).containsExactly("jobs:read", "jobs:write");
    assertThat(Instant.parse(token.path("expiresAt").asText())).isAfter(Instant.now().plusSeconds(29L * 24 * 3600));
    String alice = bearer(token.path("token").asText());

    Reply own = call("POST", "/auth/tokens", alice, "application/json", "{\"name\":\"ci\",\"scopes\":[\"jobs:read\"]}");
    assertThat(own.status()).isEqualTo(201);
    assertThat(own.json().path("user").asText()).isEqualTo("alice");
    assertThat(own.json().has("expiresAt")).isTrue();
    assertThat(call("POST", "/auth/tokens", alice, "application/json", "{\"name\":\"x\",\"scopes\":[\"admin\"]}").status())
        .isEqualTo(403);
    assertThat(call("POST", "/auth/tokens", alice, "application/json",
        "{\"user\":\"bob\",\"name\":\"x\",\"scopes\":[\"jobs:read\"]}").status()).isEqualTo(403);

    Reply list = call("GET", "/auth/tokens", alice, null, null);
    assertThat(list.json()).hasSize(2).allSatisfy(t -> {
      assertThat(t.has("token")).isFalse();
      assertThat(t.path("user").asText()).isEqualTo("alice");
    });
    assertThat(list.body()).doesNotContain(token.path("token").asText());
    assertThat(call("GET", "/auth/tokens", bearer(server.adminToken), null, null).json()).hasSize(3);

    String adminsId = server.tokenStore.tokens("admin").get(0).id();
    assertThat(call("DELETE", "/auth/tokens/" + adminsId, alice, null, null).status()).isEqualTo(404);
    assertThat(call("DELETE", "/auth/tokens/" + token.path("id").asText(), alice, null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/auth/tokens", alice, null, null).status()).isEqualTo(401);
  }

  @Test
  void malformedTokenRequestsAreRefusedNamingTheField() {
    String admin = bearer(server.adminToken);
    String[][] cases = {
        {"not json", "the body is not JSON"},
        {"[]", "must be a JSON object"},
        {"{\"name\":\"x\",\"scopes\":[\"jobs:delete\"]}", "scopes[0]: 'jobs:delete' is not a scope"},
        {"{\"name\":\"x\",\"scopes\":\"jobs:read\"}", "scopes: must be a list"},
        {"{\"name\":\"x\"}", "scopes: name at least one"},
        {"{\"scopes\":[\"jobs:read\"]}", "name: is required"},
        {"{\"name\":\"x\",\"scopes\":[\"jobs:read\"],\"expiresIn\":\"soon\"}", "expiresIn:"},
        {"{\"name\":\"x\",\"scopes\":[\"jobs:read\"],\"expiresIn\":30}", "expiresIn: must be a string"},
        {"{\"name\":\"x\",\"scopes\":[\"jobs:read\"],\"user\":\"a b\"}", "user:"},
        {"{\"name\":\"x\",\"scopes\":[\"jobs:read\"],\"role\":\"boss\"}", "role: unknown field"},
    };
    for (String[] c : cases) {
      Reply reply = call("POST", "/auth/tokens", admin, "application/json", c[0]);
      assertThat(reply.status()).as(c[0]).isEqualTo(400);
      assertThat(reply.message()).as(c[0]).contains(c[1]);
    }
    assertThat(server.tokenStore.tokens(null)).hasSize(1); // the admin's own
  }
}
