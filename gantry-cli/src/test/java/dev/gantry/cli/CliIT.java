package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against a real standalone Gantry. */
class CliIT extends OneStandalone {

  @TempDir Path work;

  private CliRun gantry(String... args) {
    return CliRun.against(gantry.http().base(), args);
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(work.resolve(name), content);
  }

  @Test
  void submitFollowShowsStatesAndOutputAndTheResult() throws IOException {
    Path job = file("hello.yaml", """
        name: hello
        tags: [cli-test]
        tasks:
          - name: say hello
            image: busybox:latest
            network: none
            run: echo printing; echo -n hello world > $TORK_OUTPUT
        """);
    CliRun run = gantry("submit", job.toString(), "--follow");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String id = run.out().lines().findFirst().orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(run.out()).isEqualTo(id + "\n[say hello] RUNNING\nprinting\n[say hello] COMPLETED\njob " + id + " COMPLETED: hello world\n");

    CliRun status = gantry("status", id);
    assertThat(status.out()).contains(id, "hello", "COMPLETED", "result: hello world", "say hello");
    CliRun logs = gantry("logs", id);
    assertThat(logs.out()).isEqualTo("[say hello]\nprinting\n");
    CliRun jobs = gantry("jobs", "-q", "tag:cli-test");
    assertThat(jobs.out().lines()).hasSize(3).last().isEqualTo("page 1 of 1, 1 job");
    assertThat(jobs.out()).contains(id, "COMPLETED", "hello");
  }

  @Test
  void submitFollowPrintsEveryTasksLinesUnderThatTask() throws IOException {
    Path job = file("three.yaml", """
        name: three tasks
        tasks:
          - {name: first, image: "busybox:latest", network: none, run: "echo one; echo two"}
          - {name: quiet, image: "busybox:latest", network: none, run: "true"}
          - {name: third, image: "busybox:latest", network: none, run: "echo three; exit 3"}
        """);
    CliRun run = gantry("submit", job.toString(), "--follow");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    String id = run.out().lines().findFirst().orElseThrow();
    // A task without output shows RUNNING only if a poll saw it running.
    assertThat(run.out()).matches(Pattern.quote(id + "\n[first] RUNNING\none\ntwo\n[first] COMPLETED\n") + "(\\[quiet\\] RUNNING\n)?"
        + Pattern.quote("[quiet] COMPLETED\n[third] RUNNING\nthree\n[third] FAILED: exit code 3: three\njob " + id + " FAILED\n"));
    assertThat(gantry("logs", id).out()).isEqualTo("[first]\none\ntwo\n[third]\nthree\n");
  }

  @Test
  void namesAndLinesCannotDriveTheTerminal() throws IOException {
    Path job = file("evil.json", "{\"name\":\"evil\\u001b[2J\\nFAKE ROW\",\"tasks\":[{\"name\":\"t\\r\",\"image\":\"busybox:latest\","
        + "\"network\":\"none\",\"run\":\"printf 'a\\\\033[31mred\\\\rX\\\\n'\"}]}");
    CliRun run = gantry("submit", job.toString(), "--follow");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String id = run.out().lines().findFirst().orElseThrow();
    assertThat(gantry("logs", id).out()).isEqualTo("[t\\r]\na\\e[31mred\\rX\n");
    assertThat(gantry("status", id).out()).contains("evil\\e[2J\\nFAKE ROW").doesNotContain("\u001b");
    assertThat(gantry("jobs", "-q", "evil").out()).contains("evil\\e[2J\\nFAKE ROW").doesNotContain("\u001b", "\r");
  }

  @Test
  void logsFollowPrintsTheOutputLiveUntilTheJobEnds() {
    String id = gantry.http().submit("""
        name: chatty
        tasks:
          - name: t
            image: busybox:latest
            network: none
            run: echo one; sleep 1; echo two >&2; echo three
        """);
    CliRun run = gantry("logs", id, "-f");
    assertThat(run.exitCode()).as(run.err()).isZero();
    // stdout and stderr come through separate pipes: only the order within each is known.
    assertThat(run.out()).startsWith("[t]\none\n").contains("two\n", "three\n").hasLineCount(4);
    assertThat(gantry.http().job(id).path("state").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void submitFollowExitsNonZeroWhenTheJobFails() throws IOException {
    Path job = file("fail.json", "{\"name\":\"fails\",\"tasks\":[{\"name\":\"t\",\"image\":\"busybox:latest\",\"network\":\"none\",\"run\":\"exit 4\"}]}");
    CliRun run = gantry("submit", job.toString(), "-f");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("exit code 4", "FAILED");
  }

  @Test
  void cancelAndRestartAJob() throws IOException {
    Path job = file("long.yaml", "name: long\ntasks: [{name: t, image: busybox:latest, network: none, run: sleep 60}]\n");
    String id = gantry("submit", job.toString()).out().trim();
    gantry.awaitState(id, java.util.Set.of("RUNNING"));
    assertThat(gantry("cancel", id).out()).contains("cancelled " + id);
    assertThat(gantry.awaitEnd(id).path("state").asText()).isEqualTo("CANCELLED");
    assertThat(gantry("restart", id).out()).contains("restarted " + id);
    gantry.awaitState(id, java.util.Set.of("RUNNING", "SCHEDULED"));
    gantry("cancel", id);
  }

  @Test
  void errorsAreOneLineForTheUser() throws IOException {
    Path bad = file("bad.yaml", "name: bad\ntasks: [{name: t, imgae: busybox}]\n");
    CliRun run = gantry("submit", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("gantry: tasks[0].imgae: unknown field (HTTP 400)");
    CliRun unknown = gantry("status", "0123456789abcdef0123456789abcdef");
    assertThat(unknown.err()).contains("not found (HTTP 404)");
  }
}
