package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.TokenRequest;
import dev.gantry.core.job.Job;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code POST /jobs} with templates: a template that does not parse, or a first task's template
 * that runs into a limit, is a 400 naming the field, the limit and the expression; nothing is stored.
 */
class SubmitExpressionsApiTest {

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private Reply submitEnv(String value) {
    return server.submitYaml("name: j\ntasks:\n  - name: t\n    image: busybox:latest\n    env:\n      A: '"
        + value.replace("'", "''") + "'\n");
  }

  private static final List<String[]> REFUSED = List.of(
      new String[] {"{{ " + "(".repeat(100) + "1" + ")".repeat(100) + " }}", "tasks[0].env.A: expression nests deeper than 64 levels at column 65"},
      new String[] {"{{ " + "(".repeat(5000) + " }}", "tasks[0].env.A: expression is longer than 4096 characters at column 1"},
      new String[] {"{{ 123456789012345678901234567890 }}", "tasks[0].env.A: integer 123456789012345678901234... is out of range at column 1"},
      new String[] {"{{ 'abc }}", "tasks[0].env.A: unterminated string at column 1 of {{ 'abc }}"},
      new String[] {"hello {{ job.name", "tasks[0].env.A: '{{' without a closing '}}' at column 1 of {{ job.name }}"},
      new String[] {"{{ env.HOME }}", "tasks[0].env.A: unknown name env in {{ env.HOME }} (templates read inputs, tasks, job and secrets)"},
      new String[] {"{{ sequence(0, 2147483647) }}",
          "tasks[0].env.A: a list of 2147483647 items is more than the 10000 allowed at column 1 of {{ sequence(0, 2147483647) }}"},
      new String[] {"{{ join(sequence(0, 9999), '" + "x".repeat(200) + "') }}",
          "tasks[0].env.A: a string of 1048"},
      new String[] {"{{ " + String.join(" + ", Collections.nCopies(12, "len(sequence(0, 10000))")) + " }}",
          "tasks[0].env.A: evaluation takes more than 100000 steps"},
      new String[] {"{{ 'a\\u0000b' }}", "tasks[0].env.A: must not contain a NUL character (U+0000)"});

  @TestFactory
  Stream<DynamicTest> eachHostileTemplateIsRefusedWithItsReason() {
    return REFUSED.stream().map(r -> DynamicTest.dynamicTest(r[1], () -> {
      Reply reply = submitEnv(r[0]);
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.message()).startsWith(r[1]);
      assertThat(server.storedJobs()).isZero();
    }));
  }

  @Test
  void aLaterTaskIsEvaluatedWhenItIsReachedSoItsRunTimeErrorIsNoSubmitError() {
    Reply reply = server.submitYaml("""
        name: later
        inputs: {n: "3"}
        tasks:
          - name: first
            image: busybox:latest
            env: {N: "{{ int(inputs.n) * 2 }}"}
          - name: second
            image: busybox:latest
            env: {X: "{{ tasks.missing.field }}"}
        """);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("inputs").path("n").asText()).isEqualTo("3");
    assertThat(server.storedJobs()).isEqualTo(1);
  }

  @Test
  void withAuthenticationAJobKeepsItsOwnerAndItsSecretsAndASecretInAShownFieldIsStillRefused() {
    try (TestServer authed = TestServer.withAuth()) {
      String alice = authed.tokens.create(Principal.SYSTEM,
          new TokenRequest("alice", "test", Set.of(Scope.JOBS_READ, Scope.JOBS_WRITE), null)).secret();
      String job = """
          name: deploy
          secrets: {token: s3cr3t-value}
          tasks:
            - name: %s
              image: busybox:latest
              env: {TOKEN: "{{ secrets.token }}"}
          """;
      Reply accepted = authed.send(HttpRequest.newBuilder(authed.uri("/jobs")).header("Authorization", "Bearer " + alice)
          .header("Content-Type", "text/yaml").POST(BodyPublishers.ofString(job.formatted("use"))));
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
      String id = accepted.json().path("id").asText();
      Job stored = authed.jobs.job(id);
      assertThat(stored.owner()).isEqualTo("alice");
      assertThat(stored.spec().secrets()).isEqualTo(Map.of("token", "s3cr3t-value"));
      Reply shown = authed.send(HttpRequest.newBuilder(authed.uri("/jobs/" + id)).header("Authorization", "Bearer " + alice));
      assertThat(shown.json().path("secrets").path("token").asText()).isEqualTo("[REDACTED]");
      assertThat(accepted.body() + shown.body()).doesNotContain("s3cr3t");

      Reply refused = authed.send(HttpRequest.newBuilder(authed.uri("/jobs")).header("Authorization", "Bearer " + alice)
          .header("Content-Type", "text/yaml").POST(BodyPublishers.ofString(job.formatted("'{{ secrets.token }}'"))));
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.message()).startsWith("tasks[0].name: a secret can only be used in env, cmd and entrypoint");
      assertThat(authed.storedJobs()).isEqualTo(1);
    }
  }
}
