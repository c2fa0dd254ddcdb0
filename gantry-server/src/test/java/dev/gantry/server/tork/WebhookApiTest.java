package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.server.CallbackReceiver;
import dev.gantry.server.CallbackReceiver.Received;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tork's job webhooks over real HTTP: each event reaches a receiver on 127.0.0.1 (allowed on this
 * test server) with its templated headers, an {@code if} filters, and the body is Tork's job
 * summary or task; malformed webhooks are a 400 naming the field.
 */
class WebhookApiTest {

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eachEventReachesItsReceiverWithTemplatedHeadersAndAnIfThatFilters() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      String id = server.submitted("""
          name: hooked
          inputs: {team: blue}
          tasks:
            - {name: build, image: busybox}
            - {name: test, image: busybox}
          webhooks:
            - url: %s
              headers: {X-Job: "{{ job.name }}-{{ job.State }}", X-Team: "{{ inputs.team }}"}
              if: "{{ job.state == 'COMPLETED' }}"
            - url: %s
            - url: %s
              event: job.Progress
              headers: {X-Progress: "{{ job.progress }}"}
            - url: %s
              event: task.StateChange
              headers: {X-Task: "{{ task.name }} {{ task.state }}"}
              if: "{{ task.state != 'SCHEDULED' }}"
          """.formatted(receiver.url("/done"), receiver.url("/every-state"), receiver.url("/progress"),
          receiver.url("/tasks")));

      server.worker.succeed(server.worker.claim(), "built");
      server.worker.succeed(server.worker.claim(), "tested");

      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() >= 9);
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests().size() == 9);

      List<Received> done = at(receiver, "/done");
      assertThat(done).singleElement().satisfies(call -> {
        assertThat(call.header("X-Job")).isEqualTo("hooked-COMPLETED");
        assertThat(call.header("X-Team")).isEqualTo("blue");
        assertThat(call.header("X-Gantry-Event")).isEqualTo("job.StateChange");
        assertThat(call.contentType()).isEqualTo("application/json");
        JsonNode body = json(call);
        assertThat(body.path("id").asText()).isEqualTo(id);
        assertThat(body.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(body.path("taskCount").asInt()).isEqualTo(2);
      });
      assertThat(at(receiver, "/every-state")).extracting(call -> json(call).path("state").asText())
          .containsExactlyInAnyOrder("SCHEDULED", "RUNNING", "COMPLETED"); // calls are sent side by side: no order
      assertThat(at(receiver, "/progress")).singleElement().satisfies(call -> {
        assertThat(call.header("X-Progress")).isEqualTo("50");
        assertThat(json(call).path("progress").asDouble()).isEqualTo(50.0);
        assertThat(json(call).path("position").asInt()).isEqualTo(2);
      });
      assertThat(at(receiver, "/tasks")).extracting(call -> call.header("X-Task"))
          .as("each run's start (its claim) and its end").containsExactlyInAnyOrder("build RUNNING", "build COMPLETED",
              "test RUNNING", "test COMPLETED");
      assertThat(at(receiver, "/tasks")).filteredOn(call -> json(call).path("state").asText().equals("COMPLETED"))
          .extracting(call -> json(call).path("result").asText()).containsExactlyInAnyOrder("built", "tested");
      assertThat(at(receiver, "/tasks")).filteredOn(call -> json(call).path("state").asText().equals("RUNNING"))
          .allSatisfy(call -> assertThat(json(call).path("startedAt").asText()).isNotEmpty());
      assertThat(receiver.requests()).extracting(call -> call.header("X-Gantry-Delivery")).doesNotHaveDuplicates();
      JsonNode shown = server.get("/jobs/" + id).json().path("webhooks");
      assertThat(shown).hasSize(4);
      assertThat(shown.path(0).path("url").asText()).isEqualTo(receiver.url("/done"));
      assertThat(shown.path(0).path("headers").path("X-Team").asText()).isEqualTo("[REDACTED]");
      assertThat(shown.path(0).path("if").asText()).isEqualTo("{{ job.state == 'COMPLETED' }}");
      assertThat(shown.path(1).path("event").asText()).isEqualTo("job.StateChange");
      JsonNode deliveries = server.get("/jobs/" + id + "/deliveries").json().path("items");
      assertThat(deliveries).hasSize(9);
      assertThat(deliveries.findValuesAsText("state")).containsOnly("DELIVERED");
    }
  }

  @Test
  void aSubjobCallsItsOwnWebhooksAboutItselfAndItsTasks() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      String id = server.submitted("""
          name: parent
          inputs: {hook: %s}
          tasks:
            - name: in a sub-job
              subjob:
                name: child
                inputs: {team: red}
                tasks: [{name: inner, image: busybox}]
                webhooks:
                  - url: "{{ inputs.hook }}/child"
                    headers: {X-Team: "{{ inputs.team }}", X-Job: "{{ job.name }} {{ job.state }}"}
                    if: "{{ job.state == 'COMPLETED' }}"
                  - url: %s
                    event: task.StateChange
                    headers: {X-Task: "{{ task.name }} {{ task.state }}"}
          """.formatted(receiver.url(""), receiver.url("/child-tasks")));
      JsonNode subjobTask = server.get("/jobs/" + id).json().path("tasks").path(0).path("subjob");
      assertThat(subjobTask.path("webhooks").path(0).path("headers").path("X-Team").asText())
          .as("shown as a job's own webhooks are").isEqualTo("[REDACTED]");

      server.worker.succeed(server.worker.claim(), "done inside");

      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() >= 4);
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests().size() == 4);
      String childId = null;
      for (JsonNode listed : server.get("/jobs").json().path("items")) {
        if (listed.path("parentId").asText().equals(id)) {
          childId = listed.path("id").asText();
        }
      }
      assertThat(childId).as("the sub-job is listed with its parent's id").isNotNull();
      String child = childId;
      assertThat(at(receiver, "/child")).singleElement().satisfies(call -> {
        assertThat(call.header("X-Team")).as("the sub-job's inputs").isEqualTo("red");
        assertThat(call.header("X-Job")).isEqualTo("child COMPLETED");
        JsonNode body = json(call);
        assertThat(body.path("name").asText()).isEqualTo("child");
        assertThat(body.path("parentId").asText()).isEqualTo(id);
        assertThat(body.path("id").asText()).isEqualTo(child);
      });
      assertThat(at(receiver, "/child-tasks")).extracting(call -> call.header("X-Task"))
          .containsExactlyInAnyOrder("inner SCHEDULED", "inner RUNNING", "inner COMPLETED");
      assertThat(server.get("/jobs/" + id).json().path("state").asText()).isEqualTo("COMPLETED");
      assertThat(server.get("/jobs/" + id + "/deliveries").json().path("items")).as("the parent has no webhooks").isEmpty();
      assertThat(server.get("/jobs/" + child + "/deliveries").json().path("items").findValuesAsText("state"))
          .hasSize(4).containsOnly("DELIVERED");
    }
  }

  @Test
  void aSubjobWebhookIsCheckedAtSubmit() {
    Reply bad = server.submitYaml("""
        name: j
        tasks:
          - name: s
            subjob:
              name: c
              tasks: [{name: t, image: busybox}]
              webhooks: [{url: 'https://example.com', event: job.Exploded}]
        """);
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.json().path("message").asText()).contains("tasks[0].subjob.webhooks[0].event: unknown event");
    try (TestServer strict = TestServer.withCallTargets(CallTargetPolicy.PUBLIC_ONLY)) {
      Reply internal = strict.submitYaml("""
          name: j
          tasks:
            - name: p
              parallel:
                tasks:
                  - name: s
                    subjob:
                      name: c
                      tasks: [{name: t, image: busybox}]
                      webhooks: [{url: 'http://127.0.0.1:9/x'}]
          """);
      assertThat(internal.status()).as(internal.body()).isEqualTo(400);
      assertThat(internal.json().path("message").asText())
          .contains("tasks[0].parallel.tasks[0].subjob.webhooks[0].url").contains("loopback");
      assertThat(strict.storedJobs()).isZero();
    }
    assertThat(server.storedJobs()).isZero();
  }

  @Test
  void aTemplateThatFailsAtTheEventFailsItsCallVisiblyAndTheJobGoesOn() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      String id = server.submitted("""
          name: bad header
          tasks: [{name: t, image: busybox}]
          webhooks: [{url: %s, headers: {X-Bad: "{{ job.nope.deeper }}"}}]
          """.formatted(receiver.url("/x")));
      server.worker.succeed(server.worker.claim(), null);

      assertThat(server.get("/jobs/" + id).json().path("state").asText()).isEqualTo("COMPLETED");
      JsonNode deliveries = server.get("/jobs/" + id + "/deliveries").json().path("items");
      assertThat(deliveries.findValuesAsText("state")).containsOnly("FAILED");
      assertThat(deliveries.path(0).path("error").asText()).contains("headers.X-Bad").contains("could not be evaluated");
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      [{url: 'ftp://example.com/x'}]                                   | webhooks[0].url: the URL's scheme must be http or https
      [{url: '/relative'}]                                             | webhooks[0].url: the URL must be absolute
      [{url: 'http://'}]                                               | webhooks[0].url
      [{headers: {a: b}}]                                              | webhooks[0].url
      [{url: 'https://example.com', event: job.Exploded}]              | webhooks[0].event: unknown event 'job.Exploded'
      [{url: 'https://example.com', color: red}]                       | webhooks[0].color: unknown field
      [{url: 'https://example.com', headers: {'bad name': x}}]         | not an HTTP token
      [{url: 'https://example.com', headers: {X-Gantry-Delivery: x}}]  | is set by Gantry itself
      [{url: 'https://example.com', if: '{{ task.state }}'}]           | webhooks[0].if: unknown name task
      [{url: 'https://example.com', headers: {X-A: '{{ secret.x }}'}}]  | unknown name secret in
      [{url: 'https://example.com', if: '{{ job.state == }}'}]          | webhooks[0].if
      {url: 'https://example.com'}                                     | webhooks
      """)
  void aMalformedWebhookIsA400NamingTheField(String webhooks, String message) {
    Reply reply = server.submitYaml("name: j\ntasks: [{name: t, image: busybox}]\nwebhooks: " + webhooks + "\n");
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().path("message").asText()).contains(message);
    assertThat(server.storedJobs()).isZero();
  }

  @Test
  void aWebhookToAnInternalAddressIsRefusedAtSubmitUnlessAllowed() {
    try (TestServer strict = TestServer.withCallTargets(CallTargetPolicy.PUBLIC_ONLY)) {
      Reply reply = strict.submitYaml("""
          name: j
          tasks: [{name: t, image: busybox}]
          webhooks: [{url: 'https://example.com/ok'}, {url: 'http://169.254.169.254/latest/meta-data/'}]
          """);
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.json().path("message").asText()).contains("webhooks[1].url").contains("link-local")
          .contains("--allow-private-callbacks");
      assertThat(strict.storedJobs()).isZero();

      Reply scheduled = strict.post("/scheduled-jobs", "text/yaml", """
          name: j
          schedule: {cron: "@hourly"}
          tasks: [{name: t, image: busybox}]
          webhooks: [{url: 'http://[::1]:8000/x'}]
          """);
      assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(400);
      assertThat(scheduled.json().path("message").asText()).contains("webhooks[0].url").contains("loopback");
      assertThat(strict.get("/scheduled-jobs").json().path("totalItems").asLong()).isZero();
    }
  }

  @Test
  void autoDeleteIsReadAndChecked() {
    Reply accepted = server.submitYaml("name: j\ntasks: [{name: t, image: busybox}]\nautoDelete: {after: 1h}\n");
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(server.get("/jobs/" + accepted.json().path("id").asText()).json().path("autoDelete").path("after").asText())
        .isEqualTo("1h");
    Reply missing = server.submitYaml("name: j\ntasks: [{name: t, image: busybox}]\nautoDelete: {}\n");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("message").asText()).contains("autoDelete.after");
    Reply bad = server.submitYaml("name: j\ntasks: [{name: t, image: busybox}]\nautoDelete: {after: soon}\n");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("message").asText()).contains("autoDelete.after");
  }

  private static List<Received> at(CallbackReceiver receiver, String path) {
    return receiver.requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  private static JsonNode json(Received call) {
    try {
      return JsonResponses.mapper().readTree(call.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + call.body(), e);
    }
  }
}
