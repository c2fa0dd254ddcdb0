package dev.gantry.docker;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.Cancellation.Reason;
import dev.gantry.core.spi.TaskOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Docker runtime against the real engine, with the local busybox image. */
class DockerRuntimeIT extends WithDockerEngine {

  @Test
  void stdoutAndStderrArriveAsLinesOfTheirStream() {
    RecordingSink sink = new RecordingSink();

    TaskOutcome outcome = run(newJob(), TestTask.script("echo to out\necho to err >&2\necho again"), sink);

    assertThat(outcome).isEqualTo(new TaskOutcome(0, null, null));
    assertThat(sink.lines()).containsSubsequence(
        new RecordingSink.Line(Stream.STDOUT, "to out"), new RecordingSink.Line(Stream.STDOUT, "again"));
    assertThat(sink.lines()).contains(new RecordingSink.Line(Stream.STDERR, "to err"));
  }

  /** Issue 17: the engine's follow stream drops such a last piece; it comes from the engine's log. */
  @ParameterizedTest(name = "network {0}")
  @ValueSource(strings = {"none", "default"})
  void aLastPieceWithoutNewlineAfterAPauseIsKeptAsPrinted(String network) {
    String job = newJob();
    String mode = network.equals("default") ? null : network;
    RecordingSink alone = new RecordingSink();
    RecordingSink afterALine = new RecordingSink();

    run(job, TestTask.script("sleep 1; printf no-newline").network(mode), alone);
    run(job, TestTask.script("echo a; sleep 1; printf tail2; printf 'err\\r' >&2").network(mode), afterALine);

    assertThat(alone.output(Stream.STDOUT)).isEqualTo("no-newline");
    assertThat(afterALine.output(Stream.STDOUT)).isEqualTo("a\ntail2");
    assertThat(afterALine.output(Stream.STDERR)).isEqualTo("err\r");
  }

  @Test
  void aNonZeroExitFailsWithTheCodeAndTheLastLines() {
    TaskOutcome outcome = run(newJob(), TestTask.script("echo something broke >&2\nexit 3"), new RecordingSink());

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.error()).contains("exit code 3").contains("something broke");
  }

  @Test
  void theResultIsWhatTheTaskWroteToItsOutputFile() {
    String job = newJob();

    TaskOutcome tork = run(job, TestTask.script("echo -n hello world > $TORK_OUTPUT"), new RecordingSink());
    TaskOutcome gantry = run(job, TestTask.script("printf 'line 1\\nline 2' > \"$GANTRY_OUTPUT\""), new RecordingSink());
    TaskOutcome nothing = run(job, TestTask.script("true"), new RecordingSink());
    TaskOutcome removed = run(job, TestTask.script("rm \"$GANTRY_OUTPUT\""), new RecordingSink());
    TaskOutcome linked = run(job, TestTask.script("echo -n linked > /tmp/r\nln -sf /tmp/r \"$GANTRY_OUTPUT\""), new RecordingSink());

    assertThat(tork.result()).isEqualTo("hello world");
    assertThat(gantry.result()).isEqualTo("line 1\nline 2");
    assertThat(nothing.result()).isNull();
    assertThat(removed).isEqualTo(new TaskOutcome(0, null, null));
    assertThat(linked).isEqualTo(new TaskOutcome(0, null, null)); // a link is not followed out of the file
  }

  @Test
  void runsOfOneJobShareTheWorkspaceWhichIsTheDefaultWorkingDirectory() {
    String job = newJob();
    run(job, TestTask.script("echo handed over > /shared/handoff.txt"), new RecordingSink());
    RecordingSink second = new RecordingSink();

    TaskOutcome outcome = run(job, TestTask.script("pwd\ncat handoff.txt"), second);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(second.texts()).containsExactly("/shared", "handed over");
  }

  @Test
  void filesAreWrittenIntoTheWorkingDirectory() {
    RecordingSink sink = new RecordingSink();
    TestTask task = TestTask.script("pwd\ncat hello.txt\ncat conf/app.conf")
        .workdir("/work/app")
        .file("hello.txt", "hi there\n")
        .file("conf/app.conf", "mode=test\n");

    TaskOutcome outcome = run(newJob(), task, sink);

    assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    assertThat(sink.texts()).containsExactly("/work/app", "hi there", "mode=test");
  }

  @Test
  void aFileNameOutsideTheWorkingDirectoryIsRefusedBeforeAnythingStarts() {
    TaskOutcome outcome = run(newJob(), TestTask.script("true").file("../escape.txt", "x"), new RecordingSink());

    assertThat(outcome.exitCode()).isNull();
    assertThat(outcome.error()).contains("'../escape.txt'").contains("inside the working directory");
  }

  @Test
  void theEnvironmentReachesTheContainer() {
    RecordingSink sink = new RecordingSink();
    TestTask task = TestTask.script("echo \"$GREETING\"\necho $GANTRY_OUTPUT $TORK_OUTPUT").env("GREETING", "hello, 'quoted' $world");

    run(newJob(), task, sink);

    assertThat(sink.texts()).containsExactly("hello, 'quoted' $world", "/gantry/output /gantry/output");
  }

  @Test
  void aCommandRunsWithoutAScript() {
    RecordingSink sink = new RecordingSink();

    TaskOutcome outcome = run(newJob(), TestTask.command("echo", "from", "cmd"), sink);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(sink.texts()).containsExactly("from cmd");
  }

  @Test
  void theTasksEntrypointRunsTheScript() {
    RecordingSink sink = new RecordingSink();

    run(newJob(), TestTask.script("echo $0 ran me").entrypoint("/bin/sh"), sink);

    assertThat(sink.texts()).containsExactly("/gantry/entrypoint ran me");
  }

  @Test
  void aLongScriptIsNotLimitedByTheCommandLine() {
    String script = "# " + "x".repeat(300_000) + "\necho made it";
    RecordingSink sink = new RecordingSink();

    run(newJob(), TestTask.script(script), sink);

    assertThat(sink.texts()).containsExactly("made it");
  }

  @Test
  void theMemoryLimitIsEnforced() {
    TestTask hog = TestTask.script("head -c 64m /dev/zero | tail").memory(8L * 1024 * 1024);

    TaskOutcome outcome = run(newJob(), hog, new RecordingSink());

    assertThat(outcome.exitCode()).isEqualTo(137);
    assertThat(outcome.error()).contains("exit code 137").contains("memory limit of 8 MiB");
  }

  @Test
  void aCancelKillsTheContainerPromptlyAndLeavesNoneBehind() throws Exception {
    String job = newJob();
    RecordingSink sink = new RecordingSink("started");
    Cancellation cancellation = new Cancellation();
    CompletableFuture<TaskOutcome> running = CompletableFuture.supplyAsync(
        () -> runtime.run(execution(job, TestTask.script("echo started\nsleep 30")), sink, cancellation));
    assertThat(sink.arrived.await(60, SECONDS)).as("the task printed 'started'").isTrue();

    cancellation.cancel(Reason.CANCELLED);

    // Far below the 30 s sleep: the container was killed, not waited for.
    TaskOutcome outcome = running.get(15, SECONDS);
    assertThat(outcome.exitCode()).isEqualTo(137);
    assertThat(outcome.error()).contains("killed").contains("cancelled");
    awaitNoContainers(job);
  }

  @Test
  void withACancelGraceACancelSendsSigtermAndKillsOnlyWhatIgnoresItPastTheGrace() throws Exception {
    try (DockerRuntime graceful = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.NEVER)
        .withCancelGrace(Duration.ofSeconds(3)))) {
      String job = newJob();
      RecordingSink sink = new RecordingSink("ready");
      Cancellation cancellation = new Cancellation();
      CompletableFuture<TaskOutcome> trapping = CompletableFuture.supplyAsync(() -> graceful.run(execution(job, TestTask.script(
          "trap 'echo stopping; exit 3' TERM\necho ready\nwhile true; do sleep 1; done")), sink, cancellation));
      assertThat(sink.arrived.await(60, SECONDS)).as("the task printed 'ready'").isTrue();

      cancellation.cancel(Reason.CANCELLED);

      TaskOutcome outcome = trapping.get(15, SECONDS);
      assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(3); // its own exit, from the trap
      assertThat(sink.texts()).contains("stopping");
      awaitNoContainers(job);

      // PID 1 without a handler ignores SIGTERM: the SIGKILL after the grace ends it.
      String stubborn = newJob();
      RecordingSink started = new RecordingSink("started");
      Cancellation later = new Cancellation();
      CompletableFuture<TaskOutcome> ignoring = CompletableFuture.supplyAsync(() -> graceful.run(execution(stubborn,
          TestTask.script("echo started\nexec sleep 60")), started, later));
      assertThat(started.arrived.await(60, SECONDS)).isTrue();
      long asked = System.nanoTime();
      later.cancel(Reason.CANCELLED);
      assertThat(ignoring.get(20, SECONDS).exitCode()).isEqualTo(137);
      assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
      awaitNoContainers(stubborn);
    }
  }

  @Test
  void aCancelBeforeTheStartRunsNothing() {
    Cancellation cancelled = new Cancellation();
    cancelled.cancel(Reason.TIMED_OUT);
    RecordingSink sink = new RecordingSink();

    TaskOutcome outcome = runtime.run(execution(newJob(), TestTask.script("echo should not run")), sink, cancelled);

    assertThat(outcome.exitCode()).isNull();
    assertThat(outcome.error()).contains("cancelled before the container started");
    assertThat(sink.texts()).isEmpty();
  }

  @Test
  void linesArriveWhileTheTaskIsStillRunning() throws Exception {
    String job = newJob();
    RecordingSink sink = new RecordingSink("first");
    // The task holds until the test drops a file into the shared workspace (bounded at 60 s).
    String waitForGo = "echo first\ni=0\nwhile [ ! -f /shared/go ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\necho second";
    CompletableFuture<TaskOutcome> running = CompletableFuture.supplyAsync(
        () -> runtime.run(execution(job, TestTask.script(waitForGo)), sink, new Cancellation()));

    assertThat(sink.arrived.await(60, SECONDS)).as("the first line arrived").isTrue();
    assertThat(running).as("the run had not ended when its first line arrived").isNotDone();
    assertThat(sink.texts()).containsExactly("first");

    run(job, TestTask.script("touch /shared/go"), new RecordingSink());
    assertThat(running.get(60, SECONDS).succeeded()).isTrue();
    assertThat(sink.texts()).containsExactly("first", "second");
  }

  @Test
  void outputOverTheCapIsTruncatedWithOneMarker() {
    RecordingSink sink = new RecordingSink();
    try (DockerRuntime small = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.NEVER).withMaxOutputBytes(100))) {
      // Lines of 10 bytes with the newline: 10 fit, the 11th does not.
      small.run(execution(newJob(), TestTask.script("i=100; while [ $i -lt 150 ]; do echo \"line: $i\"; i=$((i+1)); done")),
          sink, new Cancellation());
    }

    List<String> texts = sink.texts();
    assertThat(texts).hasSize(11);
    assertThat(texts.subList(0, 10)).allSatisfy(line -> assertThat(line).startsWith("line: "));
    assertThat(texts.get(10)).isEqualTo("[output truncated]");
  }

  @Test
  void networkNoneLeavesOnlyTheLoopback() {
    RecordingSink sink = new RecordingSink();

    run(newJob(), TestTask.script("ls /sys/class/net"), sink);

    assertThat(sink.texts()).containsExactly("lo");
  }

  @Test
  void describeNamesTheEngineVersionAndHost() {
    assertThat(runtime.describe()).matches("docker \\d+\\.\\d+\\.\\d+.* at " + DockerSettings.defaults().dockerHost());
  }
}
