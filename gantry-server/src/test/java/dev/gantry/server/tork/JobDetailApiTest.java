package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /jobs/{id}} and {@code GET /tasks/{id}}: the spec in Tork's names and every task run. */
class JobDetailApiTest {

  static final String TWO_TASKS = """
      name: build
      description: compiles and tests
      tags: [ci]
      env:
        STAGE: test
      tasks:
        - name: compile
          description: javac
          image: busybox:latest
          run: echo compiling
          env:
            LEVEL: "3"
          files:
            a.txt: hello
          workdir: /src
          timeout: 90s
          retry:
            limit: 2
          limits:
            cpus: .5
            memory: 10m
          network: none
        - name: test
          image: busybox:latest
          cmd: [echo, testing]
          entrypoint: [/bin/sh, -c]
          queue: slow
      """;

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void showsTheTasksAsSubmittedInTorkFieldNames() {
    String id = server.submitted(TWO_TASKS);

    JsonNode job = server.get("/jobs/" + id).json();

    assertThat(job.path("id").asText()).isEqualTo(id);
    assertThat(job.path("name").asText()).isEqualTo("build");
    assertThat(job.path("description").asText()).isEqualTo("compiles and tests");
    assertThat(job.path("state").asText()).isEqualTo("SCHEDULED");
    assertThat(job.path("position").asInt()).isEqualTo(1);
    assertThat(job.path("taskCount").asInt()).isEqualTo(2);
    assertThat(job.path("env").path("STAGE").asText()).isEqualTo("test");
    assertThat(job.path("tasks")).hasSize(2);
    JsonNode compile = job.path("tasks").path(0);
    assertThat(compile.toString()).isEqualTo("""
        {"name":"compile","description":"javac","image":"busybox:latest","run":"echo compiling",\
        "env":{"LEVEL":"3"},"files":{"a.txt":"hello"},"workdir":"/src","timeout":"1m30s","retry":{"limit":2},\
        "limits":{"cpus":"0.5","memory":"10m"},"queue":"default","network":"none"}""");
    assertThat(job.path("tasks").path(1).toString()).isEqualTo("""
        {"name":"test","image":"busybox:latest","cmd":["echo","testing"],"entrypoint":["/bin/sh","-c"],"queue":"slow"}""");
  }

  @Test
  void showsEveryTaskRunAsExecution() {
    String id = server.submitted(TWO_TASKS);
    TaskRun first = server.worker.claim();
    server.worker.fail(first, 1, "exit code 1: boom"); // retried: limit 2
    TaskRun retry = server.worker.claim();
    server.worker.succeed(retry, "compiled");

    JsonNode job = server.get("/jobs/" + id).json();

    // between tasks the job stays RUNNING; its next task waits in the "slow" queue
    assertThat(job.path("state").asText()).isEqualTo("RUNNING");
    assertThat(job.path("position").asInt()).isEqualTo(2);
    JsonNode execution = job.path("execution");
    assertThat(execution).hasSize(3);
    JsonNode failed = execution.path(0);
    assertThat(failed.path("id").asText()).isEqualTo(first.id());
    assertThat(failed.path("jobId").asText()).isEqualTo(id);
    assertThat(failed.path("position").asInt()).isEqualTo(1);
    assertThat(failed.path("name").asText()).isEqualTo("compile");
    assertThat(failed.path("state").asText()).isEqualTo("FAILED");
    assertThat(failed.path("scheduledAt")).isEqualTo(failed.path("createdAt"));
    assertThat(failed.has("startedAt")).isTrue();
    assertThat(failed.has("failedAt")).isTrue();
    assertThat(failed.has("completedAt")).isFalse();
    assertThat(failed.path("error").asText()).isEqualTo("exit code 1: boom");
    assertThat(failed.path("exitCode").asInt()).isEqualTo(1);
    assertThat(failed.path("run").asText()).isEqualTo("echo compiling");
    assertThat(failed.path("image").asText()).isEqualTo("busybox:latest");
    assertThat(failed.path("queue").asText()).isEqualTo("default");
    assertThat(failed.path("nodeId").asText()).isNotEmpty();
    assertThat(failed.path("retry").toString()).isEqualTo("{\"limit\":2,\"attempts\":0}");
    assertThat(failed.path("attempt").asInt()).isEqualTo(1);

    JsonNode succeeded = execution.path(1);
    assertThat(succeeded.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(succeeded.path("result").asText()).isEqualTo("compiled");
    assertThat(succeeded.has("completedAt")).isTrue();
    assertThat(succeeded.has("failedAt")).isFalse();
    assertThat(succeeded.path("retry").path("attempts").asInt()).isEqualTo(1);
    assertThat(succeeded.path("attempt").asInt()).isEqualTo(2);

    JsonNode queued = execution.path(2);
    assertThat(queued.path("name").asText()).isEqualTo("test");
    assertThat(queued.path("state").asText()).isEqualTo("SCHEDULED");
    assertThat(queued.path("queue").asText()).isEqualTo("slow");
    assertThat(queued.has("startedAt")).isFalse();
    assertThat(queued.has("nodeId")).isFalse();
    assertThat(queued.has("retry")).isFalse();
  }

  @Test
  void aSkippedCompositeIsOneSkippedTaskInTheExecution() {
    String id = server.submitted("""
        name: skips
        inputs: {run: "no"}
        tasks:
          - name: maybe both
            if: "{{ inputs.run == 'yes' }}"
            parallel: {tasks: [{name: a, image: busybox}, {name: b, image: busybox}]}
          - name: maybe each
            if: "false"
            each: {list: "{{ [1, 2] }}", task: {name: e, image: busybox}}
          - name: maybe sub-job
            if: "{{ inputs.run == 'yes' }}"
            subjob: {name: child, tasks: [{name: c, image: busybox}]}
          - {name: last, image: busybox}
        """);
    JsonNode execution = server.get("/jobs/" + id).json().path("execution");
    assertThat(execution).hasSize(4);
    for (int i = 0; i < 3; i++) {
      JsonNode skipped = execution.path(i);
      assertThat(skipped.path("state").asText()).isEqualTo("SKIPPED");
      assertThat(skipped.path("position").asInt()).isEqualTo(i + 1);
      assertThat(skipped.path("path").asText()).isEqualTo(String.valueOf(i));
      assertThat(skipped.has("startedAt")).isFalse();
      assertThat(skipped.path("completedAt").asText()).isNotEmpty();
      JsonNode task = server.get("/tasks/" + skipped.path("id").asText()).json();
      assertThat(task.path("state").asText()).isEqualTo("SKIPPED");
    }
    assertThat(execution).extracting(e -> e.path("name").asText())
        .containsExactly("maybe both", "maybe each", "maybe sub-job", "last");
    assertThat(server.worker.claim().name()).as("no worker gets a skipped composite").isEqualTo("last");
    assertThat(server.get("/jobs?q=child").json().path("totalItems").asInt()).as("no sub-job started").isZero();
  }

  @Test
  void aFinishedJobShowsItsResultAndTimes() {
    String id = server.submitted(SubmitJobApiTest.HELLO);
    server.worker.runToSuccess("hello world");

    JsonNode job = server.get("/jobs/" + id).json();
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText()).isEqualTo("hello world");
    assertThat(job.has("startedAt")).isTrue();
    assertThat(job.has("completedAt")).isTrue();
    assertThat(job.has("failedAt")).isFalse();
  }

  @Test
  void positionAndProgressHaveTorksMeaning() {
    String id = server.submitted("name: four\ntasks: [{name: a, image: busybox}, {name: b, image: busybox},"
        + " {name: c, image: busybox}, {name: d, image: busybox}]");
    JsonNode queued = server.get("/jobs/" + id).json();
    assertThat(queued.path("position").asInt()).isEqualTo(1);
    assertThat(queued.path("progress").asDouble()).isEqualTo(0.0);

    server.worker.succeed(server.worker.claim(), "a");
    JsonNode second = server.get("/jobs/" + id).json();
    assertThat(second.path("position").asInt()).isEqualTo(2);
    assertThat(second.path("progress").asDouble()).isEqualTo(25.0);

    server.worker.runToSuccess("done");
    JsonNode done = server.get("/jobs/" + id).json();
    // Tork's web UI shows (position - 1) / taskCount as the share done.
    assertThat(done.path("position").asInt()).isEqualTo(5);
    assertThat(done.path("taskCount").asInt()).isEqualTo(4);
    assertThat(done.path("progress").asDouble()).isEqualTo(100.0);
    JsonNode listed = server.get("/jobs").json().path("items").path(0);
    assertThat(listed.path("position").asInt()).isEqualTo(5);
    assertThat(listed.path("progress").asDouble()).isEqualTo(100.0);
    // Not there until Gantry has subjobs, inputs and a schedule that started the job.
    assertThat(listed.has("parentId")).isFalse();
    assertThat(listed.has("inputs")).isFalse();
    assertThat(listed.has("schedule")).isFalse();
  }

  @Test
  void showsOneTaskRun() {
    String id = server.submitted(TWO_TASKS);
    TaskRun run = server.worker.claim();
    server.worker.end(run, RunState.TIMED_OUT, 137, null, "task 'compile' timed out after 1m30s");

    Reply reply = server.get("/tasks/" + run.id());

    assertThat(reply.status()).isEqualTo(200);
    JsonNode task = reply.json();
    assertThat(task.path("id").asText()).isEqualTo(run.id());
    assertThat(task.path("jobId").asText()).isEqualTo(id);
    assertThat(task.path("state").asText()).isEqualTo("FAILED");
    assertThat(task.path("error").asText()).contains("timed out");
    assertThat(task.has("failedAt")).isTrue();
  }

  @Test
  void unknownIdsAre404WithTorkMessages() {
    assertThat(server.get("/jobs/0123456789abcdef0123456789abcdef").status()).isEqualTo(404);
    assertThat(server.get("/jobs/nope").message()).isEqualTo("job nope not found");
    assertThat(server.get("/tasks/nope").status()).isEqualTo(404);
    assertThat(server.get("/tasks/nope").message()).isEqualTo("task nope not found");
  }

  @Test
  void absurdIdsAre404WithoutEchoingThem() {
    String longId = "a".repeat(5000);
    Reply reply = server.get("/jobs/" + longId);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.message()).hasSizeLessThan(100).startsWith("job aaaa").endsWith("... not found");
    assertThat(server.get("/tasks/" + longId).status()).isEqualTo(404);
    Reply dotted = server.get("/jobs/%2e%2e%2f%00"); // Jetty refuses an ambiguous path itself
    assertThat(dotted.status()).isIn(400, 404);
    assertThat(dotted.header("Content-Type")).startsWith("application/json");
    assertThat(server.get("/jobs/%C3%A9t%C3%A9").status()).isEqualTo(404);
  }
}
