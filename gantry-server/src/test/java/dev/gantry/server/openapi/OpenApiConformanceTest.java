package dev.gantry.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.TokenRequest;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.Route;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json} against a real server (authentication on): it documents exactly the
 * routes the native, cluster, queue, scheduled-job and token endpoints serve, and every answer it
 * documents (each status of each operation) is produced for real and checked against its schema.
 */
class OpenApiConformanceTest {

  private static final String UNKNOWN = "0190f5a0c0de7000800000000000abcd";
  /** Submitted by the admin; the member (the reader's and the writer's user) may see and change it. */
  private static final String JOB = "name: documented\ntags: [doc]\n"
      + "permissions: [{user: member, access: write}]\ntasks: [{name: t, image: 'busybox:latest', run: 'true', "
      + "retry: {limit: 1}, limits: {cpus: '0.5', memory: 10m}}]\n";
  /** Routes of other dialects (Hades, its log manager) and of the UI, which this document does not describe. */
  private static final Set<String> OTHER_DIALECTS = Set.of("/build", "/build/{id}/status", "/build/{id}/logs", "/ping",
      "/jobs/{id}/status", "/jobs/{id}/logs", "/", "/ui", "/openapi.json", "/secrets");
  /**
   * Daestro's own routes ({@code /v1/client/...}) and builds.sr.ht's ({@code /api/...}, its plain-text
   * logs, and {@code /secrets} above), described by those systems, not by this document.
   */
  private static final java.util.List<String> OTHER_DIALECT_PREFIXES = java.util.List.of("/v1/client/", "/api/", "/logs/");

  private final TestServer server = TestServer.withAuth();
  private final JsonNode document = json(server.get("/openapi.json").body());
  private final SchemaCheck schemas = new SchemaCheck(document);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void itIsOpenApi31AndDocumentsExactlyTheServedRoutes() {
    Reply reply = server.get("/openapi.json");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");

    Set<String> documented = new TreeSet<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
    Set<String> served = new TreeSet<>();
    for (Route route : server.routes()) {
      if (!OTHER_DIALECTS.contains(route.path()) && !route.path().startsWith("/ui/")
          && OTHER_DIALECT_PREFIXES.stream().noneMatch(route.path()::startsWith)) {
        served.add(route.method() + " " + route.path());
      }
    }
    assertThat(documented).isEqualTo(served);
  }

  @Test
  void everyDocumentedAnswerIsWhatARealServerAnswers() {
    Map<String, Supplier<Reply>> scenarios = new Scenarios().all();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        for (Iterator<Map.Entry<String, JsonNode>> answers = op.getValue().path("responses").fields(); answers.hasNext(); ) {
          Map.Entry<String, JsonNode> answer = answers.next();
          String key = op.getKey().toUpperCase() + " " + path.getKey() + " " + answer.getKey();
          Supplier<Reply> scenario = scenarios.get(key);
          if (scenario == null) {
            problems.add(key + ": documented, but no scenario of this test produces it");
            continue;
          }
          Reply reply = scenario.get();
          checked++;
          if (reply.status() != Integer.parseInt(answer.getKey())) {
            problems.add(key + ": the server answered " + reply.status() + " " + reply.body());
            continue;
          }
          JsonNode content = answer.getValue().path("content");
          String type = reply.header("Content-Type") == null ? "" : reply.header("Content-Type");
          if (content.has("application/json")) {
            assertThat(type).as(key).startsWith("application/json");
            schemas.problems(content.path("application/json").path("schema"), json(reply.body()))
                .forEach(problem -> problems.add(key + ": " + problem));
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(checked).isGreaterThan(60);
  }

  /** For each documented answer, a request that gets it from the server (made as the test goes). */
  private final class Scenarios {
    private final String admin = "Bearer " + server.adminToken;
    private final String reader = "Bearer " + token("member", Scope.JOBS_READ);
    private final String writer = "Bearer " + token("member", Scope.JOBS_WRITE);
    private final Map<String, Supplier<Reply>> all = new LinkedHashMap<>();
    private final String done;
    private final String doneRun;
    private final String waiting;
    /** Submitted with builds.sr.ht's execute: false, by the member. */
    private final String held;
    private final String schedule;

    Scenarios() {
      done = submit();
      TaskRun run = server.worker.claim();
      server.worker.log(run, 1, "built\n");
      server.worker.log(run, 2, dev.gantry.core.job.LogPart.Stream.STDERR, "warned\n");
      server.store.recordProgress(run.id(), 62.5, java.time.Instant.now()); // as $TORK_PROGRESS would: a progress shown
      server.worker.succeed(run, "the result");
      doneRun = run.id();
      waiting = submit();
      held = server.jobs.submitHeld(new Principal("member", Set.of(Scope.JOBS_WRITE)), dev.gantry.core.spec.JobSpecReader.read(
          dev.gantry.core.spec.SpecNode.root(dev.gantry.core.spec.JobDocuments.parse(JOB, dev.gantry.core.spec.JobDocuments.Format.YAML)))).id();
      // Schedules are their owner's: the member's, whom the reader's and the writer's tokens are.
      schedule = json(send("POST", "/scheduled-jobs", writer, "text/yaml",
          JOB.replace("tasks:", "schedule: {cron: '@daily'}\ntasks:")).body()).path("id").asText();
    }

    Map<String, Supplier<Reply>> all() {
      on("GET /health 200", () -> send("GET", "/health", null, null, null));
      on("GET /health 503", () -> {
        server.store.setHealthy(false);
        try {
          return send("GET", "/health", null, null, null);
        } finally {
          server.store.setHealthy(true);
        }
      });
      reads("/jobs", "/jobs?size=0");
      on("POST /jobs 200", () -> send("POST", "/jobs", writer, "text/yaml", JOB));
      writes("POST", "/jobs", "text/yaml", JOB);
      // Nothing runs the job in the second it is waited for.
      on("POST /jobs 408", () -> send("POST", "/jobs", writer, "text/yaml", "wait: {timeout: 1s}\n" + JOB));
      on("POST /jobs 400", () -> send("POST", "/jobs", writer, "text/yaml", "name: x\ntasks: []\n"));
      bodyLimits("/jobs", writer);
      reads("/jobs/" + done, null);
      on("GET /jobs/{id} 404", () -> send("GET", "/jobs/" + UNKNOWN, reader, null, null));
      reads("/jobs/" + done + "/log", "/jobs/" + done + "/log?size=0");
      on("GET /jobs/{id}/log 404", () -> send("GET", "/jobs/" + UNKNOWN + "/log", reader, null, null));
      reads("/jobs/" + done + "/log/stream", "/jobs/" + done + "/log/stream?after=x");
      on("GET /jobs/{id}/log/stream 404", () -> send("GET", "/jobs/" + UNKNOWN + "/log/stream", reader, null, null));
      // The job that ran is no build in one environment: nothing to open a shell in.
      on("GET /jobs/{id}/shell 409", () -> send("GET", "/jobs/" + done + "/shell", admin, null, null));
      on("GET /jobs/{id}/shell 404", () -> send("GET", "/jobs/" + UNKNOWN + "/shell", admin, null, null));
      writes("GET", "/jobs/" + done + "/shell", null, null);
      reads("/tasks/" + doneRun, null);
      on("GET /tasks/{id} 404", () -> send("GET", "/tasks/" + UNKNOWN, reader, null, null));
      reads("/tasks/" + doneRun + "/log", "/tasks/" + doneRun + "/log?size=0");
      on("GET /tasks/{id}/log 404", () -> send("GET", "/tasks/" + UNKNOWN + "/log", reader, null, null));
      // A job that failed is restarted; the waiting one is cancelled; an ended one can be neither.
      on("PUT /jobs/{id}/cancel 200", () -> send("PUT", "/jobs/" + waiting + "/cancel", writer, null, null));
      on("PUT /jobs/{id}/cancel 400", () -> send("PUT", "/jobs/" + done + "/cancel", writer, null, null));
      on("PUT /jobs/{id}/cancel 404", () -> send("PUT", "/jobs/" + UNKNOWN + "/cancel", writer, null, null));
      writes("PUT", "/jobs/" + done + "/cancel", null, null);
      on("PUT /jobs/{id}/restart 200", () -> send("PUT", "/jobs/" + waiting + "/restart", writer, null, null));
      on("PUT /jobs/{id}/restart 400", () -> send("PUT", "/jobs/" + done + "/restart", writer, null, null));
      on("PUT /jobs/{id}/restart 404", () -> send("PUT", "/jobs/" + UNKNOWN + "/restart", writer, null, null));
      writes("PUT", "/jobs/" + done + "/restart", null, null);
      on("PUT /jobs/{id}/start 200", () -> send("PUT", "/jobs/" + held + "/start", writer, null, null));
      on("PUT /jobs/{id}/start 400", () -> send("PUT", "/jobs/" + done + "/start", writer, null, null));
      on("PUT /jobs/{id}/start 404", () -> send("PUT", "/jobs/" + UNKNOWN + "/start", writer, null, null));
      writes("PUT", "/jobs/" + done + "/start", null, null);
      reads("/nodes", null);
      reads("/queues", null);
      reads("/metrics", null);
      reads("/queues/default", null);
      on("GET /queues/{name} 404", () -> send("GET", "/queues/nobody-uses-this", reader, null, null));
      String settings = "{\"priority\": 10, \"maxConcurrency\": 2, \"enabled\": true}";
      on("PUT /queues/{name} 200", () -> send("PUT", "/queues/documented", admin, "application/json", settings));
      on("PUT /queues/{name} 400", () -> send("PUT", "/queues/documented", admin, "application/json", "{\"priority\": 0}"));
      on("PUT /queues/{name} 401", () -> send("PUT", "/queues/documented", null, "application/json", settings));
      on("PUT /queues/{name} 403", () -> send("PUT", "/queues/documented", writer, "application/json", settings));
      String definition = "{\"name\": \"doc::documented\", \"image\": \"busybox:latest\"}";
      on("POST /definitions 201", () -> send("POST", "/definitions", writer, "application/json", definition));
      on("POST /definitions 400", () -> send("POST", "/definitions", writer, "application/json", "{\"name\": \"doc::documented\"}"));
      on("POST /definitions 401", () -> send("POST", "/definitions", null, "application/json", definition));
      on("POST /definitions 403", () -> send("POST", "/definitions", reader, "application/json", definition));
      on("GET /definitions 200", () -> send("GET", "/definitions", admin, null, null));
      on("GET /definitions 401", () -> send("GET", "/definitions", null, null, null));
      on("GET /definitions/{name} 200", () -> {
        send("POST", "/definitions", writer, "application/json", definition);
        return send("GET", "/definitions/doc::documented", admin, null, null);
      });
      on("GET /definitions/{name} 401", () -> send("GET", "/definitions/doc::documented", null, null, null));
      on("GET /definitions/{name} 404", () -> send("GET", "/definitions/nobody-made-this", admin, null, null));
      on("GET /definitions/{name}/{version} 200", () -> {
        send("POST", "/definitions", writer, "application/json", definition);
        return send("GET", "/definitions/doc::documented/1", admin, null, null);
      });
      on("GET /definitions/{name}/{version} 401", () -> send("GET", "/definitions/doc::documented/1", null, null, null));
      on("GET /definitions/{name}/{version} 404", () -> send("GET", "/definitions/doc::documented/99", admin, null, null));
      String user = "{\"username\": \"documented\", \"password\": \"a long enough password\"}";
      on("POST /users 200", () -> send("POST", "/users", admin, "application/json", user));
      on("POST /users 400", () -> send("POST", "/users", admin, "application/json", "{\"username\": 1}"));
      on("POST /users 401", () -> send("POST", "/users", null, "application/json", user));
      on("POST /users 403", () -> send("POST", "/users", writer, "application/json", user));
      on("POST /roles 201", () -> send("POST", "/roles", admin, "application/json", "{\"name\": \"documenters\"}"));
      on("POST /roles 400", () -> send("POST", "/roles", admin, "application/json", "{\"nope\": 1}"));
      on("POST /roles 401", () -> send("POST", "/roles", null, "application/json", "{\"name\": \"others\"}"));
      on("POST /roles 403", () -> send("POST", "/roles", writer, "application/json", "{\"name\": \"others\"}"));
      on("GET /roles 200", () -> send("GET", "/roles", admin, null, null));
      on("GET /roles 401", () -> send("GET", "/roles", null, null, null));
      on("GET /roles 403", () -> send("GET", "/roles", writer, null, null));
      on("GET /roles/{name} 200", () -> send("GET", "/roles/documenters", admin, null, null));
      on("GET /roles/{name} 401", () -> send("GET", "/roles/documenters", null, null, null));
      on("GET /roles/{name} 404", () -> send("GET", "/roles/nobody-made-this", admin, null, null));
      // Scenarios run in the document's order (a role's deletion before its members'): each makes the role it changes.
      on("PUT /roles/{name}/members/{user} 200", () -> {
        send("POST", "/roles", admin, "application/json", "{\"name\": \"joined\"}");
        return send("PUT", "/roles/joined/members/documented", admin, null, null);
      });
      on("PUT /roles/{name}/members/{user} 401", () -> send("PUT", "/roles/documenters/members/documented", null, null, null));
      on("PUT /roles/{name}/members/{user} 404", () -> send("PUT", "/roles/nobody-made-this/members/documented", admin, null, null));
      on("DELETE /roles/{name}/members/{user} 200", () -> {
        send("POST", "/roles", admin, "application/json", "{\"name\": \"left\"}");
        send("PUT", "/roles/left/members/documented", admin, null, null);
        return send("DELETE", "/roles/left/members/documented", admin, null, null);
      });
      on("DELETE /roles/{name}/members/{user} 401", () -> send("DELETE", "/roles/documenters/members/documented", null, null, null));
      on("DELETE /roles/{name}/members/{user} 404", () -> send("DELETE", "/roles/nobody-made-this/members/documented", admin, null, null));
      on("DELETE /roles/{name} 200", () -> send("DELETE", "/roles/documenters", admin, null, null));
      on("DELETE /roles/{name} 401", () -> send("DELETE", "/roles/documenters", null, null, null));
      on("DELETE /roles/{name} 404", () -> send("DELETE", "/roles/nobody-made-this", admin, null, null));
      reads("/jobs/" + done + "/deliveries", null);
      on("GET /jobs/{id}/deliveries 404", () -> send("GET", "/jobs/" + UNKNOWN + "/deliveries", reader, null, null));
      on("DELETE /queues/{name} 200", () -> send("DELETE", "/queues/default", admin, null, null));
      on("DELETE /queues/{name} 404", () -> send("DELETE", "/queues/nobody-uses-this", admin, null, null));
      on("DELETE /queues/{name} 401", () -> send("DELETE", "/queues/default", null, null, null));
      on("DELETE /queues/{name} 403", () -> send("DELETE", "/queues/default", writer, null, null));
      reads("/scheduled-jobs", "/scheduled-jobs?size=0");
      on("POST /scheduled-jobs 200", () -> send("POST", "/scheduled-jobs", writer, "text/yaml",
          JOB.replace("tasks:", "schedule: {cron: '0 2 * * *'}\ntasks:")));
      on("POST /scheduled-jobs 400", () -> send("POST", "/scheduled-jobs", writer, "text/yaml", JOB));
      writes("POST", "/scheduled-jobs", "text/yaml", JOB.replace("tasks:", "schedule: {cron: '@daily'}\ntasks:"));
      bodyLimits("/scheduled-jobs", writer);
      reads("/scheduled-jobs/" + schedule, null);
      on("GET /scheduled-jobs/{id} 404", () -> send("GET", "/scheduled-jobs/" + UNKNOWN, reader, null, null));
      on("PUT /scheduled-jobs/{id}/pause 200", () -> send("PUT", "/scheduled-jobs/" + schedule + "/pause", writer, null, null));
      on("PUT /scheduled-jobs/{id}/pause 400", () -> send("PUT", "/scheduled-jobs/" + schedule + "/pause", writer, null, null));
      on("PUT /scheduled-jobs/{id}/pause 404", () -> send("PUT", "/scheduled-jobs/" + UNKNOWN + "/pause", writer, null, null));
      writes("PUT", "/scheduled-jobs/" + schedule + "/pause", null, null);
      on("PUT /scheduled-jobs/{id}/resume 200", () -> send("PUT", "/scheduled-jobs/" + schedule + "/resume", writer, null, null));
      on("PUT /scheduled-jobs/{id}/resume 400", () -> send("PUT", "/scheduled-jobs/" + schedule + "/resume", writer, null, null));
      on("PUT /scheduled-jobs/{id}/resume 404", () -> send("PUT", "/scheduled-jobs/" + UNKNOWN + "/resume", writer, null, null));
      writes("PUT", "/scheduled-jobs/" + schedule + "/resume", null, null);
      on("DELETE /scheduled-jobs/{id} 200", () -> send("DELETE", "/scheduled-jobs/" + json(send("POST", "/scheduled-jobs",
          writer, "text/yaml", JOB.replace("tasks:", "schedule: {cron: '@daily'}\ntasks:")).body()).path("id").asText(),
          writer, null, null));
      on("DELETE /scheduled-jobs/{id} 404", () -> send("DELETE", "/scheduled-jobs/" + UNKNOWN, writer, null, null));
      writes("DELETE", "/scheduled-jobs/" + UNKNOWN, null, null);
      on("GET /auth/tokens 200", () -> send("GET", "/auth/tokens", admin, null, null));
      on("GET /auth/tokens 401", () -> send("GET", "/auth/tokens", null, null, null));
      String tokenRequest = "{\"name\":\"ci\",\"scopes\":[\"jobs:read\"],\"expiresIn\":\"30d\"}";
      on("POST /auth/tokens 201", () -> send("POST", "/auth/tokens", reader, "application/json", tokenRequest));
      on("POST /auth/tokens 400", () -> send("POST", "/auth/tokens", reader, "application/json", "{\"nope\":1}"));
      on("POST /auth/tokens 401", () -> send("POST", "/auth/tokens", null, "application/json", tokenRequest));
      on("POST /auth/tokens 403", () -> send("POST", "/auth/tokens", reader, "application/json",
          "{\"name\":\"ci\",\"scopes\":[\"admin\"]}"));
      on("POST /auth/tokens 413", () -> send("POST", "/auth/tokens", reader, "application/json", "x".repeat(2 << 20)));
      on("DELETE /auth/tokens/{id} 200", () -> send("DELETE", "/auth/tokens/" + json(send("POST", "/auth/tokens", reader,
          "application/json", tokenRequest).body()).path("id").asText(), reader, null, null));
      on("DELETE /auth/tokens/{id} 401", () -> send("DELETE", "/auth/tokens/" + UNKNOWN, null, null, null));
      on("DELETE /auth/tokens/{id} 404", () -> send("DELETE", "/auth/tokens/" + UNKNOWN, reader, null, null));
      return all;
    }

    /** 200 with a reader's token, 400 at {@code bad} (when there is one), 401 without a token, 403 with a writer's only. */
    private void reads(String path, String bad) {
      String template = template(path);
      on("GET " + template + " 200", () -> send("GET", path, reader, null, null));
      if (bad != null) {
        on("GET " + template + " 400", () -> send("GET", bad, reader, null, null));
      }
      on("GET " + template + " 401", () -> send("GET", path, null, null, null));
      on("GET " + template + " 403", () -> send("GET", path, writer, null, null));
    }

    /** 401 without a token, 403 with a reader's only. */
    private void writes(String method, String path, String contentType, String body) {
      String template = template(path);
      on(method + " " + template + " 401", () -> send(method, path, null, contentType, body));
      on(method + " " + template + " 403", () -> send(method, path, reader, contentType, body));
    }

    private void bodyLimits(String path, String who) {
      on("POST " + path + " 413", () -> send("POST", path, who, "text/yaml", "x".repeat(2 << 20)));
      on("POST " + path + " 415", () -> send("POST", path, who, "text/csv", "a,b"));
    }

    private void on(String key, Supplier<Reply> scenario) {
      all.putIfAbsent(key, scenario);
    }

    private String submit() {
      return json(send("POST", "/jobs", admin, "text/yaml", JOB).body()).path("id").asText();
    }
  }

  private static String template(String path) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    return bare.replaceAll("^/(jobs|tasks|scheduled-jobs|auth/tokens)/[0-9a-f]{32}", "/$1/{id}")
        .replaceAll("^/queues/[^/]+", "/queues/{name}");
  }

  private String token(String user, Scope scope) {
    return server.tokens.create(Principal.SYSTEM, new TokenRequest(user, "test", Set.of(scope), null)).secret();
  }

  private Reply send(String method, String path, String authorization, String contentType, String body) {
    return server.send(method, path, authorization, contentType, body);
  }

  private static JsonNode json(String text) {
    try {
      return JsonResponses.mapper().readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
