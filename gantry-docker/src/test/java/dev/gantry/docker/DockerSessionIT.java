package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.Cancellation.Reason;
import dev.gantry.core.spi.RuntimeSession;
import dev.gantry.core.spi.SessionFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A session (one container, commands as execs in it) against the real engine, with busybox. */
class DockerSessionIT extends WithDockerEngine {

  private static List<String> sh(String script) {
    return List.of("sh", "-c", script);
  }

  @Test
  void filesPersistBetweenCommandsAndEachHasItsOwnOutputAndExitCode() {
    String job = newJob();
    Cancellation cancellation = new Cancellation();
    try (RuntimeSession session = runtime.openSession(execution(job, TestTask.script(null)), cancellation)) {
      RecordingSink first = new RecordingSink();
      RecordingSink second = new RecordingSink();

      int one = session.exec(sh("echo made > /tmp/kept; echo to err >&2; printf 'no newline'"), Map.of(), first);
      int two = session.exec(sh("cat /tmp/kept; echo \"$WHO\"; exit 3"), Map.of("WHO", "world"), second);

      assertThat(one).isZero();
      assertThat(first.output(Stream.STDOUT)).isEqualTo("no newline");
      assertThat(first.output(Stream.STDERR)).isEqualTo("to err\n");
      assertThat(two).isEqualTo(3);
      assertThat(second.output(Stream.STDOUT)).isEqualTo("made\nworld\n");
    }
  }

  @Test
  void filesAreWrittenWithTheirModeAndReadBackByteForByte() {
    String job = newJob();
    byte[] bytes = new byte[70_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    try (RuntimeSession session = runtime.openSession(execution(job, TestTask.script(null)), new Cancellation())) {
      session.writeFile("/root/.ssh/key", "secret\n".getBytes(StandardCharsets.UTF_8), 0600);
      session.writeFile("/data/blob.bin", bytes, 0644);
      RecordingSink sink = new RecordingSink();

      session.exec(sh("stat -c '%a %s' /root/.ssh/key /data/blob.bin"), Map.of(), sink);

      assertThat(sink.output(Stream.STDOUT)).isEqualTo("600 7\n644 70000\n");
      assertThat(session.readFile("/data/blob.bin", 1 << 20)).isEqualTo(bytes);
      assertThatThrownBy(() -> session.readFile("/data/blob.bin", 100)).isInstanceOf(SessionFailure.class)
          .hasMessageContaining("more than the limit of 100");
      assertThatThrownBy(() -> session.readFile("/data/missing", 100)).isInstanceOf(SessionFailure.class)
          .hasMessageContaining("/data/missing");
      assertThatThrownBy(() -> session.readFile("/data", 100)).isInstanceOf(SessionFailure.class)
          .hasMessageContaining("not a regular file");
    }
  }

  @Test
  void theJobsWorkspaceIsMountedAndOutlivesTheSession() {
    String job = newJob();
    try (RuntimeSession session = runtime.openSession(execution(job, TestTask.script(null)), new Cancellation())) {
      session.exec(sh("echo shared > /shared/file"), Map.of(), new RecordingSink());
    }
    RecordingSink sink = new RecordingSink();

    run(job, TestTask.script("cat /shared/file"), sink);

    assertThat(sink.output(Stream.STDOUT)).isEqualTo("shared\n");
  }

  @Test
  void aCancelKillsTheSessionAndEndsTheRunningCommandAtOnce() throws Exception {
    String job = newJob();
    Cancellation cancellation = new Cancellation();
    try (RuntimeSession session = runtime.openSession(execution(job, TestTask.script(null)), cancellation)) {
      RecordingSink sink = new RecordingSink("started");
      CompletableFuture<Integer> code = CompletableFuture.supplyAsync(
          () -> session.exec(sh("echo started; sleep 300"), Map.of(), sink));
      assertThat(sink.arrived.await(30, TimeUnit.SECONDS)).isTrue();

      cancellation.cancel(Reason.CANCELLED);

      assertThat(code.get(30, TimeUnit.SECONDS)).isNotZero();
      assertThatThrownBy(() -> session.exec(sh("true"), Map.of(), new RecordingSink())).isInstanceOf(SessionFailure.class);
    }
  }

  @Test
  void theSessionsCommandsShareOneOutputBudget() {
    String job = newJob();
    try (DockerRuntime small = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.NEVER).withMaxOutputBytes(1000));
        RuntimeSession session = small.openSession(execution(job, TestTask.script(null)), new Cancellation())) {
      RecordingSink first = new RecordingSink();
      RecordingSink second = new RecordingSink();

      session.exec(sh("for i in $(seq 1 30); do echo 0123456789012345678; done"), Map.of(), first);
      session.exec(sh("for i in $(seq 1 30); do echo 0123456789012345678; done"), Map.of(), second);

      assertThat(first.output(Stream.STDOUT)).hasSize(600);
      assertThat(second.output(Stream.STDOUT)).hasSize(400);
      assertThat(second.output(Stream.STDERR)).isEqualTo(LogStream.TRUNCATED + "\n");
    }
  }

  @Test
  void aMissingImageFailsToOpenAndLeavesNothing() {
    String job = newJob();

    assertThatThrownBy(() -> runtime.openSession(execution(job, TestTask.script(null).image("gantry-missing:none")),
        new Cancellation())).isInstanceOf(SessionFailure.class).hasMessageContaining("gantry-missing:none");
  }

  @Test
  void theContainerIsLabelledWithTheRunSoTheSweeperFindsALeftOne() {
    String job = newJob();
    try (RuntimeSession session = runtime.openSession(execution(job, TestTask.script(null)), new Cancellation())) {
      assertThat(runtime.resources()).anySatisfy(r -> {
        assertThat(r.jobId()).isEqualTo(job);
        assertThat(r.runId()).startsWith("run-");
      });
    }
  }
}
