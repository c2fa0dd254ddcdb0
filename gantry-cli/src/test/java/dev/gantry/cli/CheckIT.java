package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --check}: every part of a process starts and stops again, or the reason it cannot is one line. */
class CheckIT {

  @TempDir Path dataDir;

  private record Run(int exitCode, String err) {}

  private static Run gantry(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(code, stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(err);
    }
  }

  @Test
  void aStandaloneThatCanStartStartsAndStops() throws Exception {
    Services.requireDocker();
    Run run = gantry("standalone", "--check", "--port", "0", "--data-dir", dataDir.toString());
    assertThat(run.exitCode()).isZero();
    try (var files = Files.list(dataDir)) {
      assertThat(files.map(f -> f.getFileName().toString())).contains("gantry.mv.db");
    }
  }

  @Test
  void aCheckDoesNotRegisterAsANode() {
    Services.requireDocker();
    assertThat(gantry("standalone", "--check", "--port", "0", "--data-dir", dataDir.toString()).exitCode()).isZero();
    assertThat(gantry("standalone", "--check", "--port", "0", "--data-dir", dataDir.toString()).exitCode()).isZero();
    try (StandaloneFixture gantry = new StandaloneFixture(dataDir)) {
      // Only the process now running: neither check left a node behind, OFFLINE or not.
      assertThat(gantry.http().get("/nodes").body()).singleElement()
          .satisfies(node -> assertThat(node.path("status").asText()).isEqualTo("UP"));
    }
  }

  @Test
  void anUnreachableDatabaseIsOneLineAndExitCode2() {
    Run run = gantry("standalone", "--check", "--port", "0", "--data-dir", dataDir.toString(),
        "--db-url", "jdbc:postgresql://127.0.0.1:1/nothing-listens-here");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("gantry: cannot connect to PostgreSQL 127.0.0.1:1/nothing-listens-here")
        .doesNotContain("\tat ");
  }
}
