package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against a real standalone Gantry. */
class CliIT {

  @TempDir static Path dataDir;
  @TempDir Path work;
  static StandaloneFixture gantry;

  @BeforeAll
  static void start() {
    Services.requireDocker();
    gantry = new StandaloneFixture(dataDir);
  }

  @AfterAll
  static void stop() {
    if (gantry != null) {
      gantry.close();
    }
  }

  /** Runs {@code gantry ARGS --server URL} and returns its exit code and what it printed. */
  private record Run(int exitCode, String out, String err) {}

  private Run gantry(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    String[] withServer = new String[args.length + 2];
    System.arraycopy(args, 0, withServer, 0, args.length);
    withServer[args.length] = "--server";
    withServer[args.length + 1] = gantry.http().base();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int code = Main.run(withServer);
      return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
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
    Run run = gantry("submit", job.toString(), "--follow");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String id = run.out().lines().findFirst().orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(run.out()).contains("printing", "[say hello] COMPLETED", "COMPLETED: hello world");

    Run status = gantry("status", id);
    assertThat(status.out()).contains(id, "hello", "COMPLETED", "result: hello world", "say hello");
    Run logs = gantry("logs", id);
    assertThat(logs.out()).isEqualTo("printing\n");
    Run jobs = gantry("jobs", "-q", "tag:cli-test");
    assertThat(jobs.out()).contains(id, "COMPLETED", "hello");
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
    Run run = gantry("logs", id, "-f");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("one\n").contains("two\n", "three\n");
    assertThat(gantry.http().job(id).path("state").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void submitFollowExitsNonZeroWhenTheJobFails() throws IOException {
    Path job = file("fail.json", "{\"name\":\"fails\",\"tasks\":[{\"name\":\"t\",\"image\":\"busybox:latest\",\"network\":\"none\",\"run\":\"exit 4\"}]}");
    Run run = gantry("submit", job.toString(), "-f");
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
    Run run = gantry("submit", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("gantry: tasks[0].imgae: unknown field (HTTP 400)");
    Run unknown = gantry("status", "0123456789abcdef0123456789abcdef");
    assertThat(unknown.err()).contains("not found (HTTP 404)");
  }
}
