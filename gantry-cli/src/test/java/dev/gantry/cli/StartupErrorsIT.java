package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.CliProcess.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that cannot succeed, run as a user runs it (its own process): one line on stderr,
 * {@code gantry: <what and what to do>}, exit code 2, nothing on stdout, no stack trace. None of
 * these needs a Docker engine: each fails before Gantry would talk to one, or is about not finding it.
 */
class StartupErrorsIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;

  private Result gantry(String... args) {
    return CliProcess.run(dir, DEADLINE, args);
  }

  private static void assertOneLine(Result run, String... fragments) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).as(run.err()).singleElement()
        .satisfies(line -> assertThat(line).startsWith("gantry: ").contains(fragments));
  }

  @Test
  void aPortInUseSaysSoForACheckAndForARealStart() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(taken.getLocalPort());
      for (String check : new String[] {"--check", "--heartbeat=5s"}) {
        Result run = gantry("standalone", check, "--port", port, "--data-dir", dir.resolve("data").toString(),
            "--docker-host", Services.DOCKER_HOST);
        assertOneLine(run, "port " + port + " on 127.0.0.1 is already in use", "choose another --port");
      }
    }
  }

  @Test
  void aBindAddressThisMachineDoesNotHaveIsNamed() {
    // 192.0.2.1 is TEST-NET-1: documentation only, never an address of a real interface.
    Result run = gantry("standalone", "--check", "--port", "0", "--bind", "192.0.2.1",
        "--data-dir", dir.resolve("data").toString());
    assertOneLine(run, "--bind 192.0.2.1 is not an address of this machine");
  }

  @Test
  void aDataDirThatCannotBeCreatedIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Result run = gantry("standalone", "--check", "--port", "0", "--data-dir", file.resolve("data").toString());
    assertOneLine(run, "cannot create --data-dir " + file.resolve("data"), "--data-dir or GANTRY_DATA_DIR");
  }

  @Test
  void anUnreachableDockerEngineIsSaidOnce() {
    Result run = gantry("standalone", "--check", "--port", "0", "--data-dir", dir.resolve("data").toString(),
        "--docker-host", "unix:///tmp/gantry-test-no-engine.sock");
    assertOneLine(run, "Docker engine unreachable at unix:///tmp/gantry-test-no-engine.sock");
  }

  @Test
  void submittingAMissingFileNamesIt() {
    Result run = gantry("submit", dir.resolve("missing.yaml").toString(), "--server", "http://127.0.0.1:1");
    assertOneLine(run, "cannot read " + dir.resolve("missing.yaml") + ": no such file");
  }

  @Test
  void anUnreachableServerIsOneLine() {
    assertOneLine(gantry("jobs", "--server", "http://127.0.0.1:1"), "cannot reach Gantry at http://127.0.0.1:1/");
    // A follower retries a server that went away, not one it never reached: a wrong --server fails at once.
    assertOneLine(gantry("logs", "0123456789abcdef0123456789abcdef", "-f", "--server", "http://127.0.0.1:1"),
        "cannot reach Gantry at http://127.0.0.1:1/");
  }

  @Test
  void aBadOptionValueIsOneLine() {
    Result run = gantry("standalone", "--check", "--port", "0", "--lease", "10ms", "--data-dir", dir.resolve("data").toString());
    assertOneLine(run, "--lease must be at least 1s");
  }
}
