package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone process with {@code --auth on}: the first admin token is written to the data
 * directory (0600, never logged), no credential is 401, and the CLI makes, uses and revokes tokens.
 */
class AuthIT {

  @TempDir static Path dataDir;
  @TempDir Path work;
  static StandaloneProcess standalone;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    Services.requireDocker();
    standalone = new StandaloneProcess(dataDir, "--auth", "on");
    standalone.start(Duration.ofSeconds(60));
    admin = Files.readString(dataDir.resolve("admin-token")).strip();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (standalone != null) {
      standalone.stop();
    }
  }

  private CliRun gantry(String... args) {
    return CliRun.against("http://127.0.0.1:" + standalone.port(), args);
  }

  @Test
  void theFirstAdminTokenIsInTheDataDirForItsOwnerOnlyAndNeverInTheLog() throws IOException {
    assertThat(admin).startsWith("gantry_");
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("admin-token")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String log = Files.readString(standalone.log());
    assertThat(log).contains("admin token was written to " + dataDir.resolve("admin-token").toAbsolutePath())
        .contains("(auth on)").doesNotContain(admin);
  }

  /** Open: /health, /ping, the API's description and the web UI's files (no data; AuthenticationApiTest lists them all). */
  @Test
  void withoutACredentialOnlyTheOpenRoutesAnswer() {
    Http anonymous = new Http(standalone.port());
    assertThat(anonymous.get("/jobs").status()).isEqualTo(401);
    assertThat(anonymous.get("/jobs").body().path("message").asText()).startsWith("no credential");
    assertThat(anonymous.get("/nodes").status()).isEqualTo(401);
    assertThat(anonymous.get("/health").status()).isEqualTo(200);
    assertThat(anonymous.get("/ping").status()).isEqualTo(200);
    assertThat(anonymous.get("/openapi.json").status()).isEqualTo(200);
    assertThat(new Http(standalone.port(), admin).get("/jobs").status()).isEqualTo(200);
  }

  @Test
  void theCliMakesUsesListsAndRevokesTokens() throws IOException {
    CliRun created = gantry("token", "create", "--user", "alice", "--scopes", "jobs:read", "--token", admin);
    assertThat(created.exitCode()).as(created.err()).isZero();
    String alice = created.out().strip();
    assertThat(alice).startsWith("gantry_");
    assertThat(created.err()).contains("for alice").contains("not shown again");

    assertThat(gantry("jobs", "--token", alice).exitCode()).isZero();
    Path job = Files.writeString(work.resolve("hello.yaml"),
        "name: hello\ntasks:\n  - name: t\n    image: busybox:latest\n    network: none\n    run: echo -n hi > $TORK_OUTPUT\n");
    CliRun refused = gantry("submit", job.toString(), "--token", alice);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("jobs:write").contains("HTTP 403");
    CliRun anonymous = gantry("jobs");
    assertThat(anonymous.exitCode()).isEqualTo(2);
    assertThat(anonymous.err()).contains("HTTP 401").contains("--token");

    CliRun followed = gantry("submit", job.toString(), "--follow", "--token", admin);
    assertThat(followed.exitCode()).as(followed.out() + followed.err()).isZero();

    CliRun list = gantry("token", "list", "--token", admin);
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("alice").contains("jobs:read").doesNotContain(alice).doesNotContain(admin);
    String id = list.out().lines().filter(l -> l.contains("alice")).findFirst().orElseThrow().split("\\s+")[0];
    assertThat(gantry("token", "revoke", id, "--token", admin).exitCode()).isZero();
    CliRun revoked = gantry("jobs", "--token", alice);
    assertThat(revoked.exitCode()).isEqualTo(2);
    assertThat(revoked.err()).contains("the token was revoked");
  }

  @Test
  void authOffBeyondLoopbackRefusesToStartWithOneLine() throws Exception {
    Process process = new ProcessBuilder(GantryCommand.of(List.of(), List.of(
        "standalone", "--bind", "0.0.0.0", "--auth", "off", "--data-dir", work.resolve("refused").toString())))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output.strip().lines()).hasSize(1);
    assertThat(output).contains("--auth off is refused with --bind 0.0.0.0");
    assertThat(work.resolve("refused")).doesNotExist();
  }
}
