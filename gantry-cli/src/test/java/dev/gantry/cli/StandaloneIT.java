package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Jobs run end to end: HTTP in, real containers in the real Docker engine, H2 on disk. */
class StandaloneIT extends OneStandalone {

  @Test
  void helloWorldCompletesWithItsResult() {
    String id = http.submit("""
        name: hello
        tasks:
          - name: say hello
            image: busybox:latest
            run: echo -n hello world > $TORK_OUTPUT
        """);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText()).isEqualTo("hello world");
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void twoTasksPassAFileThroughShared() {
    String id = http.submit("""
        name: handoff
        tasks:
          - name: write
            image: busybox:latest
            network: none
            run: echo -n from the first task > /shared/handoff.txt
          - name: read
            image: busybox:latest
            network: none
            run: pwd > /shared/where; cat handoff.txt /shared/where > $GANTRY_OUTPUT
        """);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText()).isEqualTo("from the first task/shared\n");
  }

  @Test
  void jobEnvReachesEveryTaskAndTaskEnvOverridesIt() {
    String id = http.submit("""
        name: env
        env: {GREETING: hello, WHO: world}
        tasks:
          - name: one
            image: busybox:latest
            network: none
            env: {WHO: task}
            run: echo -n "$GREETING $WHO," > /shared/seen
          - name: two
            image: busybox:latest
            network: none
            run: echo -n "$(cat /shared/seen) $GREETING $WHO $GANTRY_JOB_NAME" > $GANTRY_OUTPUT
        """);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("result").asText()).isEqualTo("hello task, hello world env");
  }

  @Test
  void aFailingTaskFailsTheJobAndTheNextTaskNeverStarts() {
    String id = http.submit("""
        name: fails
        tasks:
          - name: broken
            image: busybox:latest
            network: none
            run: echo about to fail; exit 3
          - name: never
            image: busybox:latest
            run: echo should not run
        """);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("FAILED");
    assertThat(job.path("error").asText()).contains("exit code 3").contains("about to fail");
    assertThat(execution(job)).singleElement().satisfies(run -> {
      assertThat(run.path("name").asText()).isEqualTo("broken");
      assertThat(run.path("state").asText()).isEqualTo("FAILED");
    });
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void everyRetryIsRecordedAsAnAttempt() {
    String id = http.submit("""
        name: flaky
        tasks:
          - name: second time lucky
            image: busybox:latest
            network: none
            retry: {limit: 3}
            run: if [ -f /shared/tried ]; then echo -n ok > $GANTRY_OUTPUT; else touch /shared/tried; exit 1; fi
        """);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(execution(job)).extracting(run -> run.path("state").asText()).containsExactly("FAILED", "COMPLETED");
    assertThat(execution(job)).extracting(run -> run.path("attempt").asInt()).containsExactly(1, 2);

    String hopeless = http.submit("""
        name: hopeless
        tasks:
          - name: always fails
            image: busybox:latest
            network: none
            retry: {limit: 2}
            run: exit 1
        """);
    JsonNode failed = gantry.awaitEnd(hopeless);
    assertThat(failed.path("state").asText()).isEqualTo("FAILED");
    assertThat(execution(failed)).hasSize(3).allSatisfy(run -> assertThat(run.path("state").asText()).isEqualTo("FAILED"));
  }

  @Test
  void aTimeoutKillsTheContainerAndLeavesNothingBehind() {
    String id = http.submit("""
        name: slow
        tasks:
          - name: sleeps
            image: busybox:latest
            network: none
            timeout: 1s
            run: sleep 120
        """);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("FAILED");
    assertThat(job.path("error").asText()).isEqualTo("task 'sleeps' timed out after 1s");
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void cancelStopsTheRunningContainerPromptly() {
    String id = http.submit("""
        name: long
        tasks:
          - name: sleeps
            image: busybox:latest
            network: none
            run: echo started; sleep 120
          - name: never
            image: busybox:latest
            run: echo should not run
        """);
    await().atMost(Duration.ofSeconds(30)).until(() -> !gantry.leftovers(id).stream()
        .filter(r -> r.kind() == dev.gantry.core.spi.RuntimeResource.Kind.CONTAINER).toList().isEmpty());
    assertThat(http.put("/jobs/" + id + "/cancel").status()).isEqualTo(200);
    // "Promptly": the container is gone well within the deadline (the benchmark measures how fast);
    // the deadline is for a loaded engine, still far below the task's own 120 s.
    await().atMost(Duration.ofSeconds(60)).until(() -> gantry.leftovers(id).isEmpty());
    JsonNode job = http.job(id);
    assertThat(job.path("state").asText()).isEqualTo("CANCELLED");
    assertThat(execution(job)).singleElement().satisfies(run -> assertThat(run.path("state").asText()).isEqualTo("CANCELLED"));
    assertThat(http.put("/jobs/" + id + "/cancel").status()).isEqualTo(400);
  }

  @Test
  void restartRunsAgainFromTheTaskThatFailed() {
    String id = http.submit("""
        name: restartable
        tasks:
          - name: first
            image: busybox:latest
            network: none
            run: echo first
          - name: second
            image: busybox:latest
            network: none
            run: exit 2
        """);
    assertThat(gantry.awaitEnd(id).path("state").asText()).isEqualTo("FAILED");
    assertThat(http.put("/jobs/" + id + "/restart").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(60)).until(() -> execution(http.job(id)).size() == 3
        && Set.of("FAILED").contains(http.job(id).path("state").asText()));
    List<JsonNode> runs = execution(http.job(id));
    assertThat(runs).extracting(run -> run.path("name").asText()).containsExactly("first", "second", "second");
    assertThat(runs).extracting(run -> run.path("attempt").asInt()).containsExactly(1, 1, 2);
  }

  @Test
  void aMissingImageFailsWithAMessageSayingSo() {
    // A registry on this machine's closed port 1: the pull fails at once and nothing leaves the machine.
    String id = http.submit("""
        name: no image
        tasks:
          - name: t
            image: 127.0.0.1:1/gantry/does-not-exist:1
            run: true
        """);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("FAILED");
    assertThat(job.path("error").asText()).contains("127.0.0.1:1/gantry/does-not-exist:1").contains("could not be pulled");
  }

  @Test
  void aMemoryLimitIsEnforced() {
    String id = http.submit("""
        name: greedy
        tasks:
          - name: allocates 64 MiB under an 8 MiB limit
            image: busybox:latest
            network: none
            limits: {memory: 8m}
            run: dd if=/dev/zero of=/dev/null bs=64M count=1
        """);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("FAILED");
    assertThat(job.path("error").asText()).startsWith("exit code 137");
  }

  @Test
  void logsAreKeptInOrder() {
    String id = http.submit("""
        name: talkative
        tasks:
          - name: counts
            image: busybox:latest
            network: none
            run: for i in $(seq 1 200); do echo "line $i"; done; echo to stderr >&2
        """);
    gantry.awaitEnd(id);
    StringBuilder all = new StringBuilder();
    List<JsonNode> parts = new ArrayList<>();
    http.get("/jobs/" + id + "/log?size=100").body().path("items").forEach(parts::add);
    for (int i = parts.size() - 1; i >= 0; i--) {
      all.append(parts.get(i).path("contents").asText());
    }
    List<String> lines = all.toString().lines().toList();
    assertThat(lines).hasSize(201).contains("to stderr");
    // Docker reads stdout and stderr through separate pipes, so only the order within a stream is known.
    List<String> stdout = lines.stream().filter(line -> line.startsWith("line ")).toList();
    assertThat(stdout).hasSize(200).startsWith("line 1", "line 2").endsWith("line 200");
    assertThat(stdout).isSortedAccordingTo((a, b) ->
        Integer.compare(Integer.parseInt(a.substring(5)), Integer.parseInt(b.substring(5))));
  }

  /** Issue 17: the last piece, printed after a pause and without a newline, is stored and streamed as printed. */
  @Test
  void aLastPieceWithoutNewlineIsStoredAndStreamedAsPrinted() throws Exception {
    String id = http.submit("""
        name: no newline
        tasks:
          - name: pauses, then prints
            image: busybox:latest
            network: none
            run: sleep 1; printf no-newline
        """);
    // Asked for while the job runs: the stream sends the output live and ends when the job ends.
    HttpResponse<String> streamed = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(http.base() + "/jobs/" + id + "/log/stream")).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode job = gantry.awaitEnd(id);

    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    StringBuilder stored = new StringBuilder();
    List<JsonNode> parts = new ArrayList<>();
    http.get("/jobs/" + id + "/log?size=100").body().path("items").forEach(parts::add);
    for (int i = parts.size() - 1; i >= 0; i--) {
      stored.append(parts.get(i).path("contents").asText());
    }
    assertThat(stored).hasToString("no-newline");
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body()).isEqualTo("no-newline");
  }

  @Test
  void severalJobsRunAtOnce() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(http.submit("""
          name: parallel
          tasks:
            - name: waits for the others
              image: busybox:latest
              network: none
              run: sleep 5
          """));
    }
    // With 4 slots all four are RUNNING at the same moment.
    await().atMost(Duration.ofSeconds(30)).until(() ->
        ids.stream().allMatch(id -> "RUNNING".equals(http.job(id).path("state").asText())));
    ids.forEach(id -> assertThat(gantry.awaitEnd(id).path("state").asText()).isEqualTo("COMPLETED"));
  }
}
