package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every call Tork's web UI (github.com/runabol/tork-web, read at 6cd5f9b) makes, page by page, as
 * it makes it (paths, query strings, content type), over real HTTP, checking each field its pages
 * read from the answer. The list is in README's "Tork's web UI" section.
 */
class TorkWebCompatibilityApiTest {

  private static final String JOB = """
      name: web ui job
      description: shown on the detail page
      tags: [ui]
      inputs: {who: world}
      secrets: {token: s3cr3t}
      output: "{{ tasks.greeting }}"
      defaults: {timeout: 5m, priority: 3}
      webhooks: [{url: "https://hooks.example.com/x", headers: {X-A: b}}]
      tasks:
        - name: greet
          var: greeting
          image: busybox
          env: {WHO: "{{ inputs.who }}"}
          run: echo -n hello $WHO > $TORK_OUTPUT
        - name: second
          image: busybox
          run: echo two
      """;

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  /** app/api/jobs/route.ts and components/create-job.tsx: POST text/yaml to /jobs, or /scheduled-jobs when the body says cron. */
  private Reply create(String yaml) {
    return server.post(yaml.indexOf("cron") > 0 ? "/scheduled-jobs" : "/jobs", "text/yaml", yaml);
  }

  @Test
  void theJobListPageReadsThePageTheMetricsAndEachItem() {
    Reply created = create(JOB);
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().has("message")).isFalse();
    String id = created.json().path("id").asText();
    assertThat(id).isNotEmpty();
    assertThat(created.json().has("cron")).as("create-job.tsx goes to /jobs/{id} unless cron").isFalse();
    server.worker.succeed(server.worker.claim(), "hello world");

    // app/jobs/page.tsx: /jobs?page=${page}&q=${q}, q "" when none, no size
    for (String query : List.of("/jobs?page=1&q=", "/jobs?page=1&q=web", "/jobs?page=1&q=tag:ui")) {
      JsonNode page = server.get(query).json();
      assertThat(page.path("number").asInt()).as(query).isEqualTo(1);
      assertThat(page.path("size").asInt()).isEqualTo(1);
      assertThat(page.path("totalPages").asInt()).isEqualTo(1);
      JsonNode item = page.path("items").path(0);
      assertThat(item.path("id").asText()).isEqualTo(id);
      assertThat(item.path("name").asText()).isEqualTo("web ui job");
      assertThat(item.path("state").asText()).isEqualTo("RUNNING");
      assertThat(item.path("createdAt").asText()).isNotEmpty();
      assertThat(item.path("startedAt").asText()).isNotEmpty();
      assertThat(item.path("position").asInt()).as("(position - 1) / taskCount is the % done").isEqualTo(2);
      assertThat(item.path("taskCount").asInt()).isEqualTo(2);
      assertThat(item.has("completedAt") || item.has("failedAt")).isFalse();
    }
    assertThat(server.get("/jobs?page=2&q=").json().path("items")).isEmpty();
    server.store.saveNode(Node.starting("w1", NodeRole.WORKER, "host-w1", "1.2.3", Set.of("default"), Instant.now(),
        Duration.ofSeconds(30)).heartbeat(Instant.now(), Duration.ofSeconds(30), 12.5, 1));

    JsonNode metrics = server.get("/metrics").json();
    assertThat(metrics.path("jobs").path("running").isNumber()).isTrue();
    assertThat(metrics.path("jobs").path("running").asInt()).isEqualTo(1);
    assertThat(metrics.path("tasks").path("running").isNumber()).isTrue();
    assertThat(metrics.path("nodes").path("online").asInt()).isEqualTo(1);
    assertThat(metrics.path("nodes").path("cpuPercent").isNumber()).isTrue();
  }

  @Test
  void theJobPageReadsTheJobItsExecutionAndLogsAndCancelsAndRestarts() {
    String id = create(JOB).json().path("id").asText();
    TaskRun first = server.worker.claim();
    server.worker.log(first, 1, "line one\nline two\n");
    server.worker.succeed(first, "hello world");
    server.worker.claim(); // the second task is RUNNING

    // app/jobs/[id]/page.tsx and app/api/jobs/[id]/route.ts
    JsonNode job = server.get("/jobs/" + id).json();
    assertThat(job.path("name").asText()).isEqualTo("web ui job");
    assertThat(job.path("description").asText()).isEqualTo("shown on the detail page");
    assertThat(job.path("state").asText()).isEqualTo("RUNNING");
    assertThat(job.path("createdAt").asText()).isNotEmpty();
    assertThat(job.path("startedAt").asText()).isNotEmpty();
    JsonNode done = job.path("execution").path(0);
    assertThat(done.path("id").asText()).isEqualTo(first.id());
    assertThat(done.path("name").asText()).isEqualTo("greet");
    assertThat(done.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(done.path("startedAt").asText()).isNotEmpty();
    assertThat(done.path("completedAt").asText()).isNotEmpty();
    assertThat(done.path("result").asText()).isEqualTo("hello world");
    assertThat(done.path("run").asText()).isEqualTo("echo -n hello $WHO > $TORK_OUTPUT");
    JsonNode running = job.path("execution").path(1);
    assertThat(running.path("state").asText()).isEqualTo("RUNNING");
    assertThat(running.has("completedAt") || running.has("failedAt")).isFalse();

    // components/view-job-log.tsx, view-task-log.tsx: ?page=N&size=50, items[].contents, totalPages
    for (String log : List.of("/jobs/" + id + "/log?page=1&size=50", "/tasks/" + first.id() + "/log?page=1&size=50")) {
      JsonNode page = server.get(log).json();
      assertThat(page.path("totalPages").asInt()).as(log).isEqualTo(1);
      assertThat(page.path("items").path(0).path("contents").asText()).isEqualTo("line one\nline two\n");
    }

    // components/cancel-job.tsx, restart-job.tsx: PUT, and the route reads the answer as JSON
    Reply cancelled = server.put("/jobs/" + id + "/cancel");
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().path("status").asText()).isEqualTo("OK");
    assertThat(server.get("/jobs/" + id).json().path("state").asText()).isEqualTo("CANCELLED");
    // as Tork's: a cancelled job has neither completedAt nor failedAt (the page shows no end), Gantry adds cancelledAt
    assertThat(server.get("/jobs/" + id).json().path("cancelledAt").asText()).isNotEmpty();
    Reply restarted = server.put("/jobs/" + id + "/restart");
    assertThat(restarted.status()).isEqualTo(200);
    assertThat(restarted.json().path("status").asText()).isEqualTo("OK");
    Reply wrong = server.put("/jobs/" + id + "/restart");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().path("message").asText()).isNotEmpty();
  }

  /** app/jobs/duplicate/page.tsx: these fields of GET /jobs/{id}, written as YAML into the editor and submitted again. */
  @Test
  void aDuplicatedJobIsAcceptedAsTheUiSubmitsIt() throws Exception {
    String id = create(JOB).json().path("id").asText();
    JsonNode job = server.get("/jobs/" + id).json();
    ObjectNode duplicate = JsonResponses.mapper().createObjectNode();
    for (String field : List.of("name", "description", "tags", "inputs", "secrets", "output", "tasks", "defaults",
        "webhooks")) {
      if (job.has(field)) {
        duplicate.set(field, job.get(field)); // yaml's stringify keeps nulls and drops what is absent
      }
    }
    assertThat(duplicate.path("secrets").path("token").asText()).isEqualTo("[REDACTED]");
    assertThat(duplicate.path("tasks")).hasSize(2);
    String yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(duplicate);

    Reply again = create(yaml);

    assertThat(again.status()).as(yaml + "\n" + again.body()).isEqualTo(200);
    JsonNode copy = server.get("/jobs/" + again.json().path("id").asText()).json();
    assertThat(copy.path("tasks")).isEqualTo(job.path("tasks"));
    assertThat(copy.path("output").asText()).isEqualTo("{{ tasks.greeting }}");
    assertThat(copy.path("inputs")).isEqualTo(job.path("inputs"));
  }

  @Test
  void theNodesQueuesAndScheduledPagesReadTheirFields() {
    server.store.saveNode(Node.starting("w1", NodeRole.WORKER, "host-w1", "1.2.3", Set.of("default"), Instant.now(),
        Duration.ofSeconds(30)).heartbeat(Instant.now(), Duration.ofSeconds(30), 12.5, 1));
    create(JOB);

    JsonNode node = server.get("/nodes").json().path(0); // app/nodes/page.tsx
    for (String field : List.of("id", "name", "hostname", "version", "startedAt", "status")) {
      assertThat(node.path(field).asText()).as(field).isNotEmpty();
    }
    assertThat(node.path("cpuPercent").isNumber()).isTrue();
    assertThat(node.path("taskCount").isNumber()).isTrue();
    assertThat(node.path("status").asText()).isEqualTo("UP");

    JsonNode queue = server.get("/queues").json().path(0); // app/queues/page.tsx
    assertThat(queue.path("name").asText()).isEqualTo("default");
    assertThat(queue.path("size").asInt()).isEqualTo(1);
    assertThat(queue.path("subscribers").isNumber()).isTrue();
    assertThat(queue.path("unacked").isNumber()).isTrue();

    // create-job.tsx with a cron: app/api/jobs/route.ts sends it to /scheduled-jobs; data.cron sends the UI to /jobs
    Reply scheduled = create("name: nightly\nschedule: {cron: \"0 2 * * *\"}\ntasks: [{name: t, image: busybox}]\n");
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
    assertThat(scheduled.json().path("cron").asText()).isEqualTo("0 2 * * *");
    String sid = scheduled.json().path("id").asText();

    JsonNode sjob = server.get("/scheduled-jobs").json().path("items").path(0); // app/scheduled/page.tsx
    assertThat(sjob.path("id").asText()).isEqualTo(sid);
    assertThat(sjob.path("name").asText()).isEqualTo("nightly");
    assertThat(sjob.path("createdAt").asText()).isNotEmpty();
    assertThat(sjob.path("cron").asText()).isEqualTo("0 2 * * *");
    assertThat(sjob.path("state").asText()).isEqualTo("ACTIVE");
    // pause/resume routes read the answer as JSON; delete reads it only when it fails
    Reply paused = server.put("/scheduled-jobs/" + sid + "/pause");
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.json().isObject()).isTrue();
    assertThat(server.get("/scheduled-jobs").json().path("items").path(0).path("state").asText()).isEqualTo("PAUSED");
    Reply resumed = server.put("/scheduled-jobs/" + sid + "/resume");
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.json().isObject()).isTrue();
    assertThat(server.delete("/scheduled-jobs/" + sid).status()).isEqualTo(200);
    Reply gone = server.delete("/scheduled-jobs/" + sid);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().path("message").asText()).isNotEmpty();
    // an error of the create page is shown from data.message
    Reply bad = create("name: bad\ntasks: [{name: t}]\n");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("message").asText()).isEqualTo("tasks[0].image: is required");
  }
}
