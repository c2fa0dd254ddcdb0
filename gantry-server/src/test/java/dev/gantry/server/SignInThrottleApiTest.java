package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.SignInThrottle;
import dev.gantry.core.auth.TokenRequest;
import dev.gantry.core.testing.SettableClock;
import dev.gantry.server.TestServer.Reply;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failed password sign-ins over real HTTP: after the free failures of a user name (5) or of an
 * address (20), the next attempt is a 429 with Retry-After, in every dialect's error shape, before
 * any hash; a right password after the wait resets the user's count; tokens are never held up.
 */
class SignInThrottleApiTest {

  private static final String ID = "0190f5a0c0de7000800000000000abcd";
  private static final String PASSWORD = "a long passphrase";

  /** The throttle's clock: it stands still, so every attempt below falls in the wait it is meant to, however slow the machine. */
  private final SettableClock clock = new SettableClock(Instant.now());
  private final TestServer server = TestServer.withAuth(new SignInThrottle(clock));

  @AfterEach
  void stop() {
    server.close();
  }

  private Reply get(String path, String authorization) {
    return server.send(HttpRequest.newBuilder(server.uri(path)).GET().header("Authorization", authorization));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aUserNameIsHeldUpAfterFiveWrongPasswordsInEveryDialectsShapeAndARightOneResetsIt() {
    server.users.create(Principal.SYSTEM, "alice", PASSWORD);
    for (int i = 0; i < 5; i++) {
      assertThat(get("/jobs", basic("alice", "wrong password " + i)).status()).isEqualTo(401);
    }

    Reply nativeAnswer = get("/jobs", basic("alice", "wrong password"));
    assertThat(nativeAnswer.status()).isEqualTo(429);
    assertThat(nativeAnswer.header("Retry-After")).isEqualTo("1");
    assertThat(nativeAnswer.message()).isEqualTo("too many failed sign-ins for this user name: try again in 1 s");
    // The right password too: it is not hashed until the wait is over.
    assertThat(get("/jobs", basic("alice", PASSWORD)).status()).isEqualTo(429);

    Reply hades = get("/build/" + ID + "/status", basic("alice", "wrong"));
    assertThat(hades.status()).isEqualTo(429);
    assertThat(hades.header("Content-Type")).startsWith("text/plain");
    assertThat(hades.body()).contains("too many failed sign-ins");
    Reply logManager = get("/jobs/" + ID + "/logs", basic("alice", "wrong"));
    assertThat(logManager.status()).isEqualTo(429);
    assertThat(logManager.json().path("error").asText()).contains("too many failed sign-ins");
    Reply sourcehut = get("/api/jobs", basic("alice", "wrong"));
    assertThat(sourcehut.status()).isEqualTo(429);
    assertThat(sourcehut.json().path("errors").get(0).path("reason").asText()).contains("too many failed sign-ins");
    Reply daestro = get("/v1/client/job", basic("alice", "wrong"));
    assertThat(daestro.status()).isEqualTo(429);
    assertThat(daestro.json().path("ok").asBoolean(true)).isFalse();
    assertThat(daestro.json().path("message").asText()).contains("too many failed sign-ins");
    for (Reply reply : new Reply[] {nativeAnswer, hades, logManager, sourcehut, daestro}) {
      assertThat(reply.header("Retry-After")).matches("[0-9]+");
    }

    clock.advance(Duration.ofSeconds(Long.parseLong(nativeAnswer.header("Retry-After"))));
    Reply after = get("/jobs", basic("alice", PASSWORD));
    assertThat(after.status()).isEqualTo(200);
    // The success forgot alice's failures: five free ones again.
    for (int i = 0; i < 5; i++) {
      assertThat(get("/jobs", basic("alice", "wrong again " + i)).status()).isEqualTo(401);
    }
    assertThat(get("/jobs", basic("alice", "wrong again")).status()).isEqualTo(429);
  }

  @Test
  void anAddressIsHeldUpAfterTwentyWrongSignInsWhateverTheNamesButItsTokensStillWork() {
    String token = server.tokens.create(Principal.SYSTEM, new TokenRequest("carol", "t", Set.of(Scope.JOBS_READ), null))
        .secret();
    for (int i = 0; i < 20; i++) {
      assertThat(get("/jobs", basic("guess" + i, "some password")).status()).isEqualTo(401);
    }
    Reply refused = get("/jobs", basic("nobody-tried-yet", "some password"));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.message()).isEqualTo("too many failed sign-ins from this address: try again in 1 s");
    assertThat(get("/jobs", "Bearer " + token).status()).isEqualTo(200);
    assertThat(get("/jobs", basic("hades", token)).status()).isEqualTo(200);
    // A garbage token is a cheap 401, never a 429: tokens are not throttled.
    assertThat(get("/jobs", "Bearer gantry_garbage").status()).isEqualTo(401);
  }
}
