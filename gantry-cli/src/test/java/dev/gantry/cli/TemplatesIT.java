package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tork's inputs, var, if, output and templates end to end: HTTP in, real containers, H2 on disk. */
class TemplatesIT extends OneStandalone {

  /** README's "Expressions" example, as written there. */
  static final String README_JOB = """
      name: templates
      inputs:
        greeting: hello
        shout: "yes"
      output: "{{ tasks.greeting }} / {{ tasks.count }}"
      tasks:
        - name: greet
          var: greeting
          image: busybox:latest
          network: none
          env:
            MESSAGE: "{{ upper(inputs.greeting) }} from {{ job.name }}"
          run: echo -n "$MESSAGE" > $TORK_OUTPUT
        - name: only when quiet
          if: "{{ inputs.shout != 'yes' }}"
          image: busybox:latest
          network: none
          run: echo this does not run
        - name: count
          var: count
          image: busybox:latest
          network: none
          env:
            GREETING: "{{ tasks.greeting }}"
            LENGTH: "{{ len(tasks.greeting) }}"
          run: echo -n "$GREETING has $LENGTH characters" > $TORK_OUTPUT
      """;

  /** README's secrets example, as written there. */
  static final String README_SECRET_JOB = """
      name: deploy
      secrets:
        token: s3cr3t-value
      tasks:
        - name: use the token
          image: busybox:latest
          network: none
          env: {TOKEN: "{{ secrets.token }}"}
          run: echo "token is $TOKEN"      # the stored log says: token is [REDACTED]
      """;

  @Test
  void theReadmeShowsThisJob() throws java.io.IOException {
    Readme.showsYamlBlocks(README_JOB, README_SECRET_JOB);
  }

  @Test
  void theReadmesSecretExampleMasksTheToken() {
    String id = http.submit(README_SECRET_JOB);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(http.get("/jobs/" + id + "/log").body().path("items").get(0).path("contents").asText())
        .isEqualTo("token is [REDACTED]\n");
  }

  @Test
  void inputsReachAVarWhichReachesALaterTaskAnIfSkipsAndTheOutputIsTheResult() {
    String id = http.submit(README_JOB);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText())
        .isEqualTo("HELLO from templates / HELLO from templates has 20 characters");
    assertThat(execution(job)).extracting(run -> run.path("name").asText() + " " + run.path("state").asText())
        .containsExactly("greet COMPLETED", "only when quiet SKIPPED", "count COMPLETED");
    assertThat(execution(job).get(0).path("result").asText()).isEqualTo("HELLO from templates");
    assertThat(job.path("inputs").path("greeting").asText()).isEqualTo("hello");
    assertThat(job.path("output").asText()).isEqualTo("{{ tasks.greeting }} / {{ tasks.count }}");
    assertThat(job.path("tasks").get(1).path("if").asText()).isEqualTo("{{ inputs.shout != 'yes' }}");
    assertThat(job.path("tasks").get(0).path("var").asText()).isEqualTo("greeting");
    JsonNode listed = http.get("/jobs?q=templates").body().path("items").get(0);
    assertThat(listed.path("inputs").path("shout").asText()).isEqualTo("yes");
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void cmdItemsAndTheImageAreTemplates() {
    String id = http.submit("""
        name: cmd templates
        inputs: {tag: latest, word: evaluated}
        tasks:
          - name: "run {{ inputs.word }}"
            image: "busybox:{{ inputs.tag }}"
            network: none
            cmd: [sh, -c, "echo -n {{ inputs.word }} in cmd > $TORK_OUTPUT"]
        """);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText()).isEqualTo("evaluated in cmd");
    assertThat(execution(job)).singleElement().satisfies(run -> {
      assertThat(run.path("name").asText()).isEqualTo("run evaluated");
      assertThat(run.path("image").asText()).isEqualTo("busybox:latest");
    });
  }

  @Test
  void aSecretReachesTheTaskAndNoAnswerOrStoredLogShowsIt() {
    Http.Response submitted = http.postYaml("/jobs", """
        name: secret
        secrets: {token: s3cr3t-value}
        tasks:
          - name: use
            image: busybox:latest
            network: none
            env: {TOKEN: "{{ secrets.token }}"}
            cmd: [sh, -c, "echo token is $TOKEN, argument {{ secrets.token }}; echo -n $TOKEN > $TORK_OUTPUT"]
        """);
    assertThat(submitted.status()).isEqualTo(200);
    String id = submitted.body().path("id").asText();
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("secrets").path("token").asText()).isEqualTo("[REDACTED]");
    assertThat(job.path("result").asText()).isEqualTo("[REDACTED]");
    JsonNode log = http.get("/jobs/" + id + "/log").body();
    assertThat(log.path("items").get(0).path("contents").asText()).isEqualTo("token is [REDACTED], argument [REDACTED]\n");
    assertThat(http.get("/jobs/" + id + "/logs").body().path("logs").get(0).path("logs").get(0).path("message").asText())
        .isEqualTo("token is [REDACTED], argument [REDACTED]");
    String runId = execution(job).get(0).path("id").asText();
    for (JsonNode answer : List.of(submitted.body(), job, log, http.get("/jobs/" + id + "/log").body(),
        http.get("/tasks/" + runId).body(), http.get("/tasks/" + runId + "/log").body(), http.get("/jobs?q=secret").body(),
        // Hades has no secrets field: its answers about a Tork job with secrets show none either.
        http.get("/build/" + id + "/status").body(), http.get("/jobs/" + id + "/logs").body())) {
      assertThat(answer.toString()).doesNotContain("s3cr3t");
    }
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void anExpressionThatDoesNotParseIsA400NamingTheFieldAndNothingIsStored() {
    long before = http.get("/jobs?q=unparsed").body().path("totalItems").asLong();
    Http.Response response = http.postYaml("/jobs", """
        name: unparsed
        tasks:
          - name: first
            image: busybox:latest
          - name: second
            image: busybox:latest
            env: {GREETING: "{{ inputs.greeting + }}"}
        """);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("message").asText())
        .isEqualTo("tasks[1].env.GREETING: unexpected end of expression at column 18 of {{ inputs.greeting + }}");
    assertThat(http.get("/jobs?q=unparsed").body().path("totalItems").asLong()).isEqualTo(before);
  }

  @Test
  void anExpressionThatFailsAtRunTimeFailsItsTaskNamingTheExpression() {
    String id = http.submit("""
        name: fails at run time
        tasks:
          - name: first
            image: busybox:latest
            network: none
            run: echo -n 1 > $TORK_OUTPUT
          - name: second
            image: busybox:latest
            network: none
            env: {X: "{{ tasks.missing.field }}"}
            run: echo never
        """);
    JsonNode job = gantry.awaitEnd(id);
    String error = "tasks[1].env.X: cannot fetch field from nil at column 14 of {{ tasks.missing.field }}";
    assertThat(job.path("state").asText()).isEqualTo("FAILED");
    assertThat(job.path("error").asText()).isEqualTo(error);
    assertThat(execution(job)).extracting(run -> run.path("state").asText()).containsExactly("COMPLETED", "FAILED");
    assertThat(execution(job).get(1).path("error").asText()).isEqualTo(error);
    gantry.awaitNoLeftovers(id);
  }
}
