package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.cli.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key that seals secrets at rest, as an operator meets it: made once, checked, refused when wrong. */
class SecretKeyIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aStandaloneMakesItsKeyOnceReadableByItsOwnerOnlyAndRefusesAnotherKeyLater() throws Exception {
    Path data = dir.resolve("data");
    StandaloneProcess standalone = new StandaloneProcess(Files.createDirectories(data));
    try {
      standalone.start(DEADLINE);
      // The line comes right after the start's own, which follows the port's opening.
      await().atMost(DEADLINE).until(() -> Files.readString(standalone.log()).contains("a new secret key"));
      String log = Files.readString(standalone.log());
      standalone.stop();
      Path keyFile = data.resolve("secret-key");
      String key = Files.readString(keyFile).strip();
      assertThat(Base64.getDecoder().decode(key)).hasSize(32);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
      assertThat(log).contains("a new secret key", keyFile.toAbsolutePath().toString()).doesNotContain(key);

      standalone.start(DEADLINE);
      standalone.stop();
      assertThat(Files.readString(keyFile).strip()).isEqualTo(key);
    } finally {
      standalone.stop();
    }

    String other = Base64.getEncoder().encodeToString(new byte[32]);
    Result run = CliProcess.start(dir, Map.of("GANTRY_SECRET_KEY", other), "standalone", "--check", "--port", "0",
        "--data-dir", data.toString()).await(DEADLINE);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("are sealed with the secret key", "give every process sharing the database the same key")
        .doesNotContain(other);
  }

  @Test
  void aKeyOfTheWrongLengthIsAClearStartupError() {
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);
    Result run = CliProcess.start(dir, Map.of("GANTRY_SECRET_KEY", short16), "standalone", "--check", "--port", "0",
        "--data-dir", dir.resolve("data").toString()).await(DEADLINE);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("gantry: ").contains("GANTRY_SECRET_KEY decodes to 16 bytes, not 32", "head -c 32 /dev/urandom | base64");
  }

  @Test
  void aServerOrWorkerWithoutAKeyRefusesToStartInsteadOfMakingItsOwn() throws Exception {
    for (String command : new String[] {"server", "worker"}) {
      Result run = CliProcess.run(dir, DEADLINE, command, "--check", "--db-url", "jdbc:postgresql://127.0.0.1:1/gantry");
      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.errLines()).as(command).singleElement().asString()
          .contains("must all encrypt secrets with the same key", "GANTRY_SECRET_KEY", "--secret-key-file");
    }
    Path missing = dir.resolve("nowhere/secret-key");
    Result run = CliProcess.run(dir, DEADLINE, "server", "--check", "--db-url", "jdbc:postgresql://127.0.0.1:1/gantry",
        "--secret-key-file", missing.toString());
    assertThat(run.errLines()).singleElement().asString().contains(missing + " does not exist", "never makes its own key");
    assertThat(missing).doesNotExist();
  }
}
