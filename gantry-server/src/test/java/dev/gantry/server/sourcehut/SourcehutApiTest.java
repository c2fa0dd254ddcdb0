package dev.gantry.server.sourcehut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.TokenRequest;
import dev.gantry.server.JsonResponses;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.server.CallbackReceiver;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The builds.sr.ht API over real HTTP (authentication on, in-memory store, no worker): submits,
 * reads, held jobs, access lists, and every error in sourcehut's shape.
 */
class SourcehutApiTest {

  private static final String MANIFEST = "image: alpine/latest\ntasks:\n  - build: echo hi\n  - test: echo ok\n";

  private final TestServer server = TestServer.withAuth();
  private final String alice = token("alice", Scope.JOBS_READ, Scope.JOBS_WRITE);
  private final String bob = token("bob", Scope.JOBS_READ, Scope.JOBS_WRITE);

  @AfterEach
  void close() {
    server.close();
  }

  private String token(String user, Scope... scopes) {
    return "token " + server.tokens.create(Principal.SYSTEM, new TokenRequest(user, "test", Set.of(scopes), null)).secret();
  }

  private Reply call(String method, String path, String credential, String body) {
    return server.send(method, path, credential, body == null ? null : "application/json", body);
  }

  private static String body(String manifest, Map<String, Object> more) {
    ObjectNode body = JsonResponses.mapper().createObjectNode().put("manifest", manifest);
    more.forEach((k, v) -> body.set(k, JsonResponses.mapper().valueToTree(v)));
    return body.toString();
  }

  private long submit(String credential, Map<String, Object> more) {
    Reply reply = call("POST", "/api/jobs", credential, body(MANIFEST, more));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("id").asLong();
  }

  private static void assertError(Reply reply, int status, String field, String reason) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonNode error = reply.json().path("errors").get(0);
    assertThat(reply.json().path("errors").size()).isEqualTo(1);
    if (field == null) {
      assertThat(error.has("field")).as(reply.body()).isFalse();
    } else {
      assertThat(error.path("field").asText()).as(reply.body()).isEqualTo(field);
    }
    assertThat(error.path("reason").asText()).as(reply.body()).contains(reason);
  }

  @Test
  void aSubmitAnswersTheJobWithoutStatusAndTheJobIsVisibleToBothApis() {
    Reply reply = call("POST", "/api/jobs", alice, body(MANIFEST, Map.of("note", "a note", "tags", java.util.List.of("a", "b.c"))));

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode answer = reply.json();
    assertThat(answer.has("status")).isFalse();
    assertThat(answer.path("id").isIntegralNumber()).isTrue();
    assertThat(answer.path("tags").asText()).isEqualTo("a/b.c");
    assertThat(answer.path("note").asText()).isEqualTo("a note");
    assertThat(answer.path("setup_log").isNull()).isTrue();
    assertThat(answer.path("owner").toString()).isEqualTo("{\"canonical_name\":\"~alice\",\"name\":\"alice\"}");
    assertThat(answer.path("tasks").toString())
        .isEqualTo("[{\"name\":\"build\",\"status\":\"pending\",\"log\":null},{\"name\":\"test\",\"status\":\"pending\",\"log\":null}]");
    long id = answer.path("id").asLong();
    JsonNode job = call("GET", "/api/jobs/" + id, alice, null).json();
    assertThat(job.path("status").asText()).isEqualTo("queued");
    String nativeId = server.store.jobWithNumber(id).orElseThrow();
    assertThat(call("GET", "/jobs/" + nativeId, alice, null).status()).isEqualTo(200);
    assertThat(call("GET", "/api/jobs/" + id + "/manifest", alice, null).body()).isEqualTo(MANIFEST);
  }

  @Test
  void aHeldJobIsPendingUntilStartedAndThenCannotBeStartedAgain() {
    long id = submit(alice, Map.of("execute", false));
    assertThat(call("GET", "/api/jobs/" + id, alice, null).json().path("status").asText()).isEqualTo("pending");

    Reply start = call("POST", "/api/jobs/" + id + "/start", alice, "{}");

    assertThat(start.status()).isEqualTo(200);
    assertThat(start.body()).isEqualTo("{}");
    assertThat(call("GET", "/api/jobs/" + id, alice, null).json().path("status").asText()).isEqualTo("queued");
    assertError(call("POST", "/api/jobs/" + id + "/start", alice, "{}"), 400, null, "This job is already queued");
    assertThat(call("POST", "/api/jobs/" + id + "/cancel", alice, "{}").status()).isEqualTo(200);
    assertError(call("POST", "/api/jobs/" + id + "/start", alice, "{}"), 400, null, "This job is already complete");
    assertError(call("POST", "/api/jobs/" + id + "/cancel", alice, "{}"), 400, null, "This job is already complete");
  }

  @Test
  void listsAreTheCallersOwnNewestFirstFiftyAPageWithNextAsAString() {
    long first = 0;
    for (int i = 0; i < 52; i++) {
      long id = submit(alice, Map.of("execute", false));
      first = first == 0 ? id : first;
    }
    submit(bob, Map.of("execute", false));
    // Jobs of alice's in another dialect are no builds, whatever their name: they are not listed here, nor counted.
    for (String name : List.of("tork", "sourcehut busybox")) {
      assertThat(server.send(HttpRequest.newBuilder(server.uri("/jobs")).header("Authorization", alice)
          .header("Content-Type", "text/yaml")
          .POST(BodyPublishers.ofString("name: " + name + "\ntasks:\n  - name: a\n    image: busybox:latest\n    run: echo\n")))
          .status()).isEqualTo(200);
    }

    JsonNode page = call("GET", "/api/jobs", alice, null).json();
    JsonNode rest = call("GET", "/api/jobs?start=" + page.path("next").asText(), alice, null).json();

    assertThat(page.path("total").asLong()).isEqualTo(52);
    assertThat(page.path("results_per_page").asInt()).isEqualTo(50);
    assertThat(page.path("results").size()).isEqualTo(50);
    assertThat(page.path("next").isTextual()).isTrue();
    assertThat(page.path("results").get(0).path("id").asLong()).isGreaterThan(page.path("results").get(1).path("id").asLong());
    assertThat(rest.path("results").size()).isEqualTo(2);
    assertThat(rest.path("results").get(1).path("id").asLong()).isEqualTo(first);
    assertThat(rest.path("next").isNull()).isTrue();
    assertThat(call("GET", "/api/jobs", bob, null).json().path("total").asLong()).isEqualTo(1);
    assertError(call("GET", "/api/jobs?start=abc", alice, null), 400, "start", "whole number");
  }

  @Test
  void anotherUsersJobIsUnknownUnlessItsAccessListsNameTheCaller() {
    long secret = submit(bob, Map.of("execute", false));
    long shared = submit(bob, Map.of("execute", false, "access:read", java.util.List.of("alice")));
    long writable = submit(bob, Map.of("execute", false, "access:write", java.util.List.of("~alice")));
    long open = submit(bob, Map.of("execute", false, "access:read", java.util.List.of("*")));

    for (String path : new String[] {"", "/manifest", "/artifacts"}) {
      assertError(call("GET", "/api/jobs/" + secret + path, alice, null), 404, null, "404 not found");
    }
    assertError(call("GET", "/logs/" + secret + "/log", alice, null), 404, null, "404 not found");
    assertError(call("POST", "/api/jobs/" + secret + "/start", alice, "{}"), 404, null, "404 not found");
    assertThat(call("GET", "/api/jobs/" + shared, alice, null).status()).isEqualTo(200);
    assertThat(call("GET", "/api/jobs/" + open + "/manifest", alice, null).status()).isEqualTo(200);
    assertError(call("POST", "/api/jobs/" + shared + "/start", alice, "{}"), 403, null, "permission");
    assertThat(call("POST", "/api/jobs/" + writable + "/start", alice, "{}").status()).isEqualTo(200);
  }

  @Test
  void aGroupsTriggerIsCalledOnceWhenItsLastJobEnded() throws Exception {
    long first = submit(alice, Map.of("execute", false));
    long second = submit(alice, Map.of("execute", false));
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      Reply created = call("POST", "/api/job-group", alice, "{\"jobs\":[" + first + "," + second + "],\"note\":\"pair\","
          + "\"triggers\":[{\"action\":\"webhook\",\"condition\":\"failure\",\"url\":\"" + receiver.url("/failed") + "\"},"
          + "{\"action\":\"webhook\",\"condition\":\"success\",\"url\":\"" + receiver.url("/succeeded") + "\"}]}");
      assertThat(created.status()).as(created.body()).isEqualTo(200);
      long group = created.json().path("id").asLong();

      assertThat(call("POST", "/api/jobs/" + first + "/cancel", alice, "{}").status()).isEqualTo(200);
      assertThat(receiver.requests()).as("one job of two ended").isEmpty();
      assertThat(call("POST", "/api/job-group/" + group + "/cancel", alice, "{}").status()).isEqualTo(200);

      CallbackReceiver.Received call = receiver.awaitDelivery(java.time.Duration.ofSeconds(10));
      assertThat(call.path()).isEqualTo("/failed");
      JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(call.body());
      assertThat(body.path("id").asLong()).isEqualTo(group);
      assertThat(body.path("note").asText()).isEqualTo("pair");
      assertThat(body.path("jobs").findValuesAsText("status")).containsExactly("cancelled", "cancelled");
      assertThat(call.header(Delivery.GROUP_HEADER)).isEqualTo(Long.toString(group));
      org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(1)).atMost(java.time.Duration.ofSeconds(3))
          .until(() -> receiver.requests().size() == 1); // only once, only the failure trigger
    }
  }

  @Test
  void credentialsAndScopesAreCheckedWithSourcehutsWording() {
    assertError(call("GET", "/api/jobs", null, null), 401, null, "No authorization supplied (expected an OAuth token)");
    assertError(call("GET", "/api/jobs", "token nope", null), 401, null, "Invalid or expired OAuth token");
    String reader = token("carol", Scope.JOBS_READ);
    assertError(call("POST", "/api/jobs", reader, body(MANIFEST, Map.of())), 403, null,
        "Your OAuth token is not permitted to use this endpoint (needs jobs:write)");
    assertThat(call("GET", "/api/jobs", "Bearer " + reader.substring("token ".length()), null).status()).isEqualTo(200);
    assertThat(server.storedJobs()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown image          | image: plan9/latest\\ntasks: [{a: echo}]           | manifest | Image 'plan9/latest' does not exist",
      "no image               | tasks: [{a: echo}]                                 | manifest | image: is required",
      "no tasks               | image: alpine/latest                               | manifest | at least one task",
      "bad task name          | image: alpine/latest\\ntasks: [{Build: echo}]      | manifest | must be 1 to 128 of a-z",
      "duplicate task         | image: alpine/latest\\ntasks: [{a: x}, {a: y}]     | manifest | duplicate task name 'a'",
      "two keys in a task     | image: alpine/latest\\ntasks: [{a: x, b: y}]       | manifest | one key",
      "unknown key            | image: alpine/latest\\nimgae: x\\ntasks: [{a: x}]  | manifest | imgae: unknown key",
      "not a mapping          | just text                                          | manifest | YAML mapping",
      "malformed YAML         | 'image: [alpine'                                   | manifest | malformed YAML",
      "bad environment name   | image: alpine/latest\\nenvironment: {1A: x}\\ntasks: [{a: x}] | manifest | not a variable name",
      "bad source             | image: alpine/latest\\nsources: [ftp://x/y]\\ntasks: [{a: x}]  | manifest | not [dir::][scm+]url[#ref]",
      "trigger without url    | image: alpine/latest\\ntriggers: [{action: webhook, condition: always}]\\ntasks: [{a: x}] | manifest | 'url'",
      "unknown trigger action | image: alpine/latest\\ntriggers: [{action: irc, condition: always}]\\ntasks: [{a: x}] | manifest | must be email or webhook",
      "email without SMTP     | image: alpine/latest\\ntriggers: [{action: email, condition: always, to: a@b}]\\ntasks: [{a: x}] | manifest | triggers[0]: this server sends no email",
      "email without address  | image: alpine/latest\\ntriggers: [{action: email, condition: always}]\\ntasks: [{a: x}] | manifest | needs 'to' or 'cc'",
      "not an address         | image: alpine/latest\\ntriggers: [{action: email, condition: always, to: 'a@b, nobody'}]\\ntasks: [{a: x}] | manifest | 'nobody' is not an email address",
      "address with a bracket | image: alpine/latest\\ntriggers: [{action: email, condition: always, to: 'x> <a@b'}]\\ntasks: [{a: x}] | manifest | is not an email address",
      "address on two lines   | image: alpine/latest\\ntriggers: [{action: email, condition: always, to: \"a@b\\r\\nBcc: c@d\"}]\\ntasks: [{a: x}] | manifest | must be one line",
      "bad in_reply_to        | image: alpine/latest\\ntriggers: [{action: email, condition: always, to: a@b, in_reply_to: x}]\\ntasks: [{a: x}] | manifest | in_reply_to: must be a message id",
      "unknown trigger key    | image: alpine/latest\\ntriggers: [{action: webhook, condition: always, url: 'http://x', to: a@b}]\\ntasks: [{a: x}] | manifest | triggers[0].to: unknown key",
      "bad condition          | image: alpine/latest\\ntriggers: [{action: webhook, condition: sometimes, url: 'http://x'}]\\ntasks: [{a: x}] | manifest | must be always, success or failure",
      "secrets not stored yet | image: alpine/latest\\nsecrets: [my-key]\\ntasks: [{a: x}] | manifest | no secret of yours is named 'my-key'",
  })
  void aBadManifestIsA400NamingTheProblem(String name, String manifest, String field, String reason) {
    Reply reply = call("POST", "/api/jobs", alice, body(manifest.strip().replace("\\n", "\n"), Map.of()));

    assertError(reply, 400, field, reason);
    assertThat(server.storedJobs()).isZero();
  }

  @Test
  void badRequestBodiesAre400sNamingTheField() {
    assertError(call("POST", "/api/jobs", alice, "{}"), 400, "manifest", "Manifest is required");
    assertError(call("POST", "/api/jobs", alice, "{\"manifest\": 3}"), 400, "manifest", "must be a string");
    assertError(call("POST", "/api/jobs", alice, body(MANIFEST, Map.of("note", 3))), 400, "note", "must be a string");
    assertError(call("POST", "/api/jobs", alice, "{\"manifest\":"), 400, null, "not valid JSON");
    assertError(call("POST", "/api/jobs", alice, "[]"), 400, null, "JSON object");
    assertError(call("POST", "/api/jobs", alice, body(MANIFEST, Map.of("colour", "red"))), 400, "colour", "unknown field");
    assertError(call("POST", "/api/jobs", alice, body(MANIFEST, Map.of("execute", "yes"))), 400, "execute", "true or false");
    assertError(call("POST", "/api/jobs", alice, body(MANIFEST, Map.of("tags", java.util.List.of("a b")))), 400, "tags",
        "each tag");
    assertError(call("POST", "/api/jobs", alice, body(MANIFEST, Map.of("access:read", java.util.List.of("a;b")))), 400,
        "access:read", "user name");
    assertError(call("POST", "/api/jobs", alice, body(MANIFEST + "#" + "x".repeat(16384), Map.of())), 400, "manifest",
        "Manifest must be less than 16384 bytes");
    Reply yaml = server.send(HttpRequest.newBuilder(server.uri("/api/jobs")).header("Authorization", alice)
        .header("Content-Type", "text/yaml").POST(BodyPublishers.ofString(MANIFEST)));
    assertError(yaml, 415, null, "application/json");
    assertThat(server.storedJobs()).isZero();
  }

  @Test
  void secretsAreStoredPerUserAnsweringOnlyTheirUuidAndAJobNamesOnlyItsSubmittersOwn() {
    Reply stored = call("POST", "/secrets", bob, "{\"name\":\"deploy-key\",\"type\":\"plaintext_file\","
        + "\"value\":\"hunter2\",\"path\":\"~/deploy.key\",\"mode\":\"600\"}");

    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    assertThat(stored.body()).doesNotContain("hunter2");
    String uuid = stored.json().path("uuid").asText();
    assertThat(uuid).matches("[0-9a-f-]{36}");
    String manifest = "image: alpine/latest\nsecrets: [deploy-key]\ntasks: [{a: x}]\n";
    assertThat(call("POST", "/api/jobs", bob, body(manifest, Map.of())).status()).isEqualTo(200);
    assertThat(call("POST", "/api/jobs", bob, body(manifest.replace("deploy-key", uuid), Map.of())).status()).isEqualTo(200);
    assertError(call("POST", "/api/jobs", alice, body(manifest, Map.of())), 400, "manifest", "no secret of yours");
    assertThat(call("POST", "/api/jobs", alice, body(manifest, Map.of("secrets", false))).status()).isEqualTo(200);
    String nativeId = server.store.jobWithNumber(submit(bob, Map.of())).orElseThrow();
    assertThat(call("GET", "/jobs/" + nativeId, bob, null).body()).doesNotContain("hunter2");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no type           | {\"value\":\"v\"}                                                    | type  | must be ssh_key",
      "unknown type      | {\"type\":\"token\",\"value\":\"v\"}                                 | type  | must be ssh_key",
      "no value          | {\"type\":\"ssh_key\"}                                                 | value | is required",
      "file without path | {\"type\":\"plaintext_file\",\"value\":\"v\",\"mode\":384}             | path  | absolute path",
      "relative path     | {\"type\":\"plaintext_file\",\"value\":\"v\",\"path\":\"a\",\"mode\":384} | path  | absolute path",
      "dot-dot path      | {\"type\":\"plaintext_file\",\"value\":\"v\",\"path\":\"/a/../b\",\"mode\":384} | path | without '..'",
      "file without mode | {\"type\":\"plaintext_file\",\"value\":\"v\",\"path\":\"/a\"}           | mode  | needs a mode",
      "mode too large    | {\"type\":\"plaintext_file\",\"value\":\"v\",\"path\":\"/a\",\"mode\":4096} | mode | 0777",
      "key with a path   | {\"type\":\"ssh_key\",\"value\":\"v\",\"path\":\"/a\"}                 | path  | only a plaintext_file",
      "short name        | {\"type\":\"ssh_key\",\"value\":\"v\",\"name\":\"ab\"}                 | name  | 3 to 512",
      "unknown field     | {\"type\":\"ssh_key\",\"value\":\"v\",\"secret\":\"x\"}               | secret | unknown field",
      "value not a string | {\"type\":\"ssh_key\",\"value\":7}                                | value | must be a string",
  })
  void aBadSecretIsA400NamingTheField(String name, String json, String field, String reason) {
    assertError(call("POST", "/secrets", alice, json.strip()), 400, field, reason);
  }

  @Test
  void aJobGroupStartsAndCancelsItsJobsTogether() {
    long a = submit(alice, Map.of("execute", false));
    long b = submit(alice, Map.of("execute", false));

    Reply created = call("POST", "/api/job-group", alice, "{\"jobs\":[" + a + "," + b + "],\"note\":\"both\"}");

    assertThat(created.status()).as(created.body()).isEqualTo(200);
    JsonNode group = created.json();
    assertThat(group.path("note").asText()).isEqualTo("both");
    assertThat(group.path("owner").path("name").asText()).isEqualTo("alice");
    assertThat(group.path("jobs").toString())
        .isEqualTo("[{\"id\":" + a + ",\"status\":\"pending\"},{\"id\":" + b + ",\"status\":\"pending\"}]");
    long id = group.path("id").asLong();
    assertThat(call("POST", "/api/job-group/" + id + "/start", alice, "{}").body()).isEqualTo("{}");
    assertThat(call("GET", "/api/job-group/" + id, alice, null).json().path("jobs").findValuesAsText("status"))
        .containsExactly("queued", "queued");
    assertError(call("POST", "/api/job-group/" + id + "/start", alice, "{}"), 400, null, "already started");
    assertThat(call("POST", "/api/job-group/" + id + "/cancel", alice, "{}").status()).isEqualTo(200);
    assertThat(call("GET", "/api/job-group/" + id, alice, null).json().path("jobs").findValuesAsText("status"))
        .containsExactly("cancelled", "cancelled");
    assertError(call("GET", "/api/job-group/" + id, bob, null), 404, null, "404 not found");
    long c = submit(alice, Map.of("execute", false));
    JsonNode executed = call("POST", "/api/job-group", alice, "{\"jobs\":[" + c + "],\"execute\":true}").json();
    assertThat(executed.path("jobs").get(0).path("status").asText()).isEqualTo("queued");
  }

  @Test
  void aBadJobGroupIsA400OrA404() {
    long mine = submit(alice, Map.of("execute", false));
    long bobs = submit(bob, Map.of("execute", false));

    assertError(call("POST", "/api/job-group", alice, "{}"), 400, "jobs", "required");
    assertError(call("POST", "/api/job-group", alice, "{\"jobs\":[]}"), 400, "jobs", "required");
    assertError(call("POST", "/api/job-group", alice, "{\"jobs\":[\"1\"]}"), 400, "jobs", "not a job id");
    assertError(call("POST", "/api/job-group", alice, "{\"jobs\":[" + mine + "," + mine + "]}"), 400, "jobs", "twice");
    assertError(call("POST", "/api/job-group", alice, "{\"jobs\":[" + mine + "],\"triggers\":[{}]}"), 400, "triggers",
        "triggers[0].condition: must be always, success or failure");
    assertError(call("POST", "/api/job-group", alice, "{\"jobs\":[" + mine + "],\"triggers\":{}}"), 400, "triggers",
        "must be a list");
    assertError(call("POST", "/api/job-group", alice, "{\"jobs\":[" + mine
        + "],\"triggers\":[{\"action\":\"email\",\"condition\":\"always\",\"to\":\"a@example.org\"}]}"), 400,
        "triggers", "triggers[0]: this server sends no email");
    assertError(call("POST", "/api/job-group", alice, "{\"jobs\":[" + mine
        + "],\"triggers\":[{\"action\":\"webhook\",\"condition\":\"always\",\"url\":\"ftp://x\"}]}"), 400,
        "triggers", "triggers[0].url");
    assertThat(server.store.findGroup(1)).as("no group stored").isEmpty();
    assertError(call("POST", "/api/job-group", alice, "{\"jobs\":[" + bobs + "]}"), 404, null, "404 not found");
    assertError(call("GET", "/api/job-group/77", alice, null), 404, null, "404 not found");
    assertError(call("POST", "/api/job-group/x/start", alice, "{}"), 404, null, "404 not found");
  }

  @Test
  void unknownAndMalformedIdsAre404() {
    Reply torkReply = server.send(HttpRequest.newBuilder(server.uri("/jobs")).header("Authorization", alice)
        .header("Content-Type", "text/yaml")
        .POST(BodyPublishers.ofString("name: tork\ntasks:\n  - name: a\n    image: busybox:latest\n    run: echo\n")));
    String tork = torkReply.json().path("id").asText();
    long torkNumber = server.store.jobNumber(tork).orElseThrow();

    for (String path : new String[] {"/api/jobs/999999", "/api/jobs/abc", "/api/jobs/-1", "/api/jobs/" + torkNumber,
        "/api/jobs/99999999999999999999", "/logs/999/log", "/logs/abc/build/log"}) {
      assertError(call("GET", path, alice, null), 404, null, "404 not found");
    }
    long id = submit(alice, Map.of("execute", false));
    assertError(call("GET", "/logs/" + id + "/nosuchtask/log", alice, null), 404, null, "404 not found");
    assertError(call("GET", "/api/jobs/" + id + "/artifacts/1", alice, null), 404, null, "404 not found");
    assertThat(call("GET", "/logs/" + id + "/build/log", alice, null).body()).isEmpty();
  }
}
