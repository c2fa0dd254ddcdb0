package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A job's priority orders its runs within their queue, whichever dialect submitted it. */
class RunPriorityApiTest {

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private String hades(String name, int priority) {
    TestServer.Reply reply = server.post("/build", "application/json", "{\"name\": \"" + name + "\", \"priority\": " + priority
        + ", \"steps\": [{\"id\": 1, \"name\": \"s\", \"image\": \"busybox:latest\", \"script\": \"true\"}]}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().has("warnings")).isFalse();
    return reply.json().path("id").asText();
  }

  @Test
  void hadesHighRunsBeforeAnEarlierLow() {
    String low = hades("low", 1);
    String medium = hades("medium", 2);
    String high = hades("high", 5);

    assertThat(server.worker.claim().jobId()).isEqualTo(high);
    assertThat(server.worker.claim().jobId()).isEqualTo(medium);
    assertThat(server.worker.claim().jobId()).isEqualTo(low);
  }

  @Test
  void torksDefaultPriorityRunsTheHigherFirst() {
    String plain = server.submitted("name: plain\ntasks: [{name: t, image: busybox}]");
    String urgent = server.submitted("name: urgent\ndefaults: {priority: 9}\ntasks: [{name: t, image: busybox}]");

    assertThat(server.worker.claim().jobId()).isEqualTo(urgent);
    assertThat(server.worker.claim().jobId()).isEqualTo(plain);
  }

  @Test
  void torksDefaultPriorityReachesTheTasksOfAParallel() {
    String plain = server.submitted("name: plain\ntasks: [{name: t, image: busybox}]");
    String urgent = server.submitted("name: urgent\ndefaults: {priority: 9}\ntasks:\n"
        + "  - {name: both, parallel: {tasks: [{name: a, image: busybox}, {name: b, image: busybox}]}}");

    dev.gantry.core.job.TaskRun first = server.worker.claim();
    dev.gantry.core.job.TaskRun second = server.worker.claim();
    assertThat(java.util.List.of(first, second)).extracting(r -> r.jobId() + " " + r.name() + " " + r.priority())
        .containsExactlyInAnyOrder(urgent + " a 9", urgent + " b 9");
    assertThat(server.worker.claim().jobId()).isEqualTo(plain);
  }

  @Test
  void aTorkTasksOwnPriorityOrdersItsRunsAndOverridesTheJobsAndIsShown() {
    String plain = server.submitted("name: plain\ndefaults: {priority: 5}\ntasks: [{name: t, image: busybox}]");
    String mixed = server.submitted("""
        name: mixed
        defaults: {priority: 5}
        tasks:
          - name: both
            priority: 8
            parallel:
              tasks:
                - {name: urgent, image: busybox, priority: 9, tags: [hot]}
                - {name: inherits, image: busybox}
                - {name: later, image: busybox, priority: 1}
        """);

    assertThat(server.worker.claim()).extracting(r -> r.jobId() + " " + r.name() + " " + r.priority())
        .isEqualTo(mixed + " urgent 9");
    assertThat(server.worker.claim()).as("the parallel's priority, above the job's")
        .extracting(r -> r.jobId() + " " + r.name() + " " + r.priority()).isEqualTo(mixed + " inherits 8");
    assertThat(server.worker.claim()).extracting(r -> r.jobId() + " " + r.priority()).isEqualTo(plain + " 5");
    assertThat(server.worker.claim()).extracting(r -> r.name() + " " + r.priority()).isEqualTo("later 1");

    var shown = server.get("/jobs/" + mixed).json().path("tasks").path(0);
    assertThat(shown.path("priority").asInt()).isEqualTo(8);
    assertThat(shown.path("parallel").path("tasks").path(0).path("tags").toString()).isEqualTo("[\"hot\"]");
    assertThat(shown.path("parallel").path("tasks").path(1).has("priority")).isFalse();
  }

  @Test
  void aSubjobTasksPriorityReachesTheSubjobsRuns() {
    server.submitted("name: plain\ntasks: [{name: t, image: busybox}]");
    String parent = server.submitted("""
        name: parent
        tasks:
          - name: s
            priority: 6
            subjob:
              name: child
              tasks: [{name: inner, image: busybox}, {name: own, image: busybox, priority: 2}]
        """);

    dev.gantry.core.job.TaskRun inner = server.worker.claim();
    assertThat(inner.name() + " " + inner.priority()).isEqualTo("inner 6");
    assertThat(inner.jobId()).isNotEqualTo(parent);
  }
}
