package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's Gantry as an operator runs it: a real standalone with authentication on, a user with a
 * password and one with a token, real Docker. Each sees its own and public jobs only; the admin
 * sees all; a secret reaches its task but neither an answer, the log, nor the database's files.
 */
class JobAccessIT {

  private static final String NEEDLE = "team-secret-8d2e61";
  private static final String PASSWORD = "correct horse battery";

  @TempDir Path dataDir;

  @Test
  void usersSeeTheirOwnAndPublicJobsTheAdminAllAndNoSecretIsAtRest() throws Exception {
    Services.requireDocker();
    StandaloneProcess standalone = new StandaloneProcess(dataDir, "--auth", "on");
    try {
      standalone.start(Duration.ofSeconds(60));
      Http admin = new Http(standalone.port(), Files.readString(dataDir.resolve("admin-token")).strip());
      assertThat(admin.postJson("/users", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(200);
      Http.Response token = admin.postJson("/auth/tokens", "{\"user\":\"bob\",\"name\":\"laptop\",\"scopes\":[\"jobs:read\",\"jobs:write\"]}");
      assertThat(token.status()).isEqualTo(201);
      Http alice = Http.basic(standalone.port(), "alice", PASSWORD);
      Http bob = new Http(standalone.port(), token.body().path("token").asText());

      String secret = alice.submit("""
          name: deploy
          secrets: {token: %s}
          tasks:
            - name: use the token
              image: busybox:latest
              network: none
              env: {TOKEN: "{{ secrets.token }}"}
              run: echo "token is $TOKEN"
          """.formatted(NEEDLE));
      String open = alice.submit("""
          name: docs
          permissions: [{user: '*'}]
          tasks: [{name: t, image: 'busybox:latest', network: none, run: 'echo hello'}]
          """);
      for (String id : List.of(secret, open)) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
            .until(() -> alice.job(id).path("state").asText(), "COMPLETED"::equals);
      }
      assertThat(alice.get("/jobs/" + secret + "/log").body().toString()).contains("token is [REDACTED]").doesNotContain(NEEDLE);

      String run = alice.job(secret).path("execution").get(0).path("id").asText();
      for (String path : List.of("/jobs/" + secret, "/jobs/" + secret + "/log", "/jobs/" + secret + "/logs",
          "/jobs/" + secret + "/status", "/tasks/" + run, "/tasks/" + run + "/log")) {
        assertThat(bob.get(path).status()).as("bob " + path).isEqualTo(404);
      }
      JsonNode bobsList = bob.get("/jobs").body();
      assertThat(bobsList.path("totalItems").asLong()).isEqualTo(1);
      assertThat(bobsList.path("items").get(0).path("name").asText()).isEqualTo("docs");
      assertThat(bob.get("/jobs?q=deploy").body().path("totalItems").asLong()).isZero();
      assertThat(bob.get("/jobs/" + open).status()).isEqualTo(200);
      assertThat(bob.put("/jobs/" + open + "/restart").status()).isEqualTo(403);
      assertThat(admin.get("/jobs").body().path("totalItems").asLong()).isEqualTo(2);
      assertThat(admin.get("/jobs/" + secret).status()).isEqualTo(200);
    } finally {
      standalone.stop();
    }

    byte[] needle = NEEDLE.getBytes(StandardCharsets.UTF_8);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains("gantry.mv.db", "secret-key", "standalone.log");
    for (Path file : files) {
      assertThat(contains(Files.readAllBytes(file), needle)).as("%s holds the secret in clear", file).isFalse();
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) throws IOException {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
  }
}
