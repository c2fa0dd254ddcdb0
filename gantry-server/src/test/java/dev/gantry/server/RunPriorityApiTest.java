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
}
