package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code gantry users} and {@code gantry roles} against a real server with authentication on. */
class UserAndRoleCommandsTest {

  private final TestServer server = TestServer.withAuth();
  private final String base = "http://127.0.0.1:" + server.uri("/").getPort();

  @AfterEach
  void close() {
    server.close();
  }

  private CliRun gantry(String stdin, String... args) {
    InputStream in = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRun.against(base, args);
    } finally {
      System.setIn(in);
    }
  }

  private CliRun asAdmin(String... args) {
    String[] withToken = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--token", server.adminToken)).toArray(String[]::new);
    return gantry("", withToken);
  }

  private static void assertOneLine(CliRun run, String fragment) {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().satisfies(line -> assertThat(line).startsWith("gantry: ").contains(fragment));
  }

  @Test
  void aUserMadeWithAPasswordOnStdinSignsInWithIt() {
    CliRun made = gantry("a long enough password\n", "users", "create", "alice", "--password-stdin", "--token", server.adminToken);
    assertThat(made.exitCode()).as(made.err()).isZero();
    assertThat(made.out()).isEqualTo("created user alice\n");
    String basic = Base64.getEncoder().encodeToString("alice:a long enough password".getBytes(StandardCharsets.UTF_8));
    assertThat(server.send(HttpRequest.newBuilder(server.uri("/jobs")).header("Authorization", "Basic " + basic).GET()).status())
        .isEqualTo(200);
    assertOneLine(gantry("another long password\n", "users", "create", "alice", "--password-stdin", "--token", server.adminToken),
        "(HTTP 409)");
  }

  @Test
  void aUserNeedsThePasswordOnStdinAndAnAdmin() {
    assertOneLine(gantry("", "users", "create", "bob", "--token", server.adminToken),
        "Missing required option: '--password-stdin' (see gantry users create --help)");
    assertOneLine(gantry("", "users", "create", "bob", "--password-stdin", "--token", server.adminToken), "no password on stdin");
    assertOneLine(gantry("secret secret secret\n", "users", "create", "bob", "--password-stdin"),
        "(HTTP 401); give a token with --token or GANTRY_TOKEN");
  }

  @Test
  void rolesAreMadeFilledListedAndEmptied() {
    assertThat(asAdmin("users", "create", "carol", "--password-stdin").exitCode()).isEqualTo(2); // stdin was empty
    gantry("a long enough password\n", "users", "create", "carol", "--password-stdin", "--token", server.adminToken);
    assertThat(asAdmin("roles", "create", "developers").out()).isEqualTo("created role developers\n");
    assertThat(asAdmin("roles", "add", "developers", "carol").out()).isEqualTo("added carol to developers; members: carol\n");
    CliRun list = asAdmin("roles", "list");
    assertThat(list.out().lines().toList()).first().asString().startsWith("ROLE").contains("MEMBERS");
    assertThat(list.out()).containsPattern("(?m)^developers +\\S+ +carol$");
    assertThat(asAdmin("roles", "remove", "developers", "carol").out()).isEqualTo("removed carol from developers; members: -\n");
    assertOneLine(asAdmin("roles", "create", "developers"), "(HTTP 409)");
    assertOneLine(asAdmin("roles", "add", "nobody-made-this", "carol"), "(HTTP 404)");
    assertOneLine(asAdmin("roles", "add", "developers"), "Missing required parameter: 'USER' (see gantry roles add --help)");
  }
}
