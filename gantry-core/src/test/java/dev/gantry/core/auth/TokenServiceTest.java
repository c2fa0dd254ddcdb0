package dev.gantry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.testing.InMemoryTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tokens made, found by their secret, limited by their maker's scopes, expired and revoked. */
class TokenServiceTest {

  private Instant now = Instant.parse("2026-01-01T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private final TokenService tokens = new TokenService(store, clock);
  private final Principal alice = new Principal("alice", Set.of(Scope.JOBS_READ));

  private static TokenRequest request(String user, Scope... scopes) {
    return new TokenRequest(user, "ci", Set.of(scopes), null);
  }

  @Test
  void aNewSecretHas256RandomBitsAndOnlyItsHashIsStored() {
    IssuedToken issued = tokens.create(Principal.SYSTEM, request("alice", Scope.JOBS_READ));

    assertThat(issued.secret()).startsWith(TokenSecret.PREFIX).hasSize(TokenSecret.PREFIX.length() + 43);
    assertThat(store.findToken(issued.token().id()).orElseThrow().secretHash()).isEqualTo(TokenSecret.hash(issued.secret()))
        .doesNotContain(issued.secret());
    assertThat(tokens.authenticate(issued.secret())).isEqualTo(new Principal("alice", Set.of(Scope.JOBS_READ)));
    assertThat(issued.toString()).doesNotContain(issued.secret());
  }

  @Test
  void anUnknownEmptyOrHugeSecretDoesNotAuthenticate() {
    assertThatThrownBy(() -> tokens.authenticate("gantry_nope")).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> tokens.authenticate("")).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> tokens.authenticate("x".repeat(100_000))).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void anExpiredTokenNoLongerAuthenticatesEvenFromTheCache() {
    IssuedToken issued = tokens.create(Principal.SYSTEM, new TokenRequest("alice", "short", Set.of(Scope.JOBS_READ),
        Duration.ofMinutes(1)));
    tokens.authenticate(issued.secret());
    now = now.plusSeconds(61);

    assertThatThrownBy(() -> tokens.authenticate(issued.secret())).isInstanceOf(UnauthenticatedException.class)
        .hasMessage("the token has expired");
  }

  @Test
  void aRevokedTokenStopsAtOnceInThisProcess() {
    IssuedToken issued = tokens.create(Principal.SYSTEM, request("alice", Scope.JOBS_READ));
    tokens.authenticate(issued.secret());
    tokens.revoke(alice, issued.token().id());

    assertThatThrownBy(() -> tokens.authenticate(issued.secret())).hasMessage("the token was revoked");
  }

  @Test
  void aRevocationInAnotherProcessIsSeenOnceTheCacheEntryIsOld() {
    IssuedToken issued = tokens.create(Principal.SYSTEM, request("alice", Scope.JOBS_READ));
    tokens.authenticate(issued.secret());
    store.revokeToken(issued.token().id(), now); // as another server would
    now = now.plus(TokenCache.TTL);

    assertThatThrownBy(() -> tokens.authenticate(issued.secret())).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void aUserMakesTokensOnlyForItselfAndWithinItsScopes() {
    assertThat(tokens.create(alice, request(null, Scope.JOBS_READ)).token().user()).isEqualTo("alice");
    assertThatThrownBy(() -> tokens.create(alice, request("bob", Scope.JOBS_READ))).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> tokens.create(alice, request("alice", Scope.JOBS_WRITE)))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("jobs:write");
    assertThatThrownBy(() -> tokens.create(alice, request("alice", Scope.ADMIN))).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void aUserSeesAndRevokesOnlyItsOwnTokensAnAdminAll() {
    IssuedToken ofAlice = tokens.create(Principal.SYSTEM, request("alice", Scope.JOBS_READ));
    IssuedToken ofBob = tokens.create(Principal.SYSTEM, request("bob", Scope.JOBS_READ));

    assertThat(tokens.tokens(alice)).extracting(ApiToken::id).containsExactly(ofAlice.token().id());
    assertThat(tokens.tokens(Principal.SYSTEM)).hasSize(2);
    assertThatThrownBy(() -> tokens.revoke(alice, ofBob.token().id())).isInstanceOf(NotFoundException.class);
    tokens.revoke(Principal.SYSTEM, ofBob.token().id());
    assertThatThrownBy(() -> tokens.authenticate(ofBob.secret())).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void theFirstAdminTokenIsMadeOnceAndAnOperatorSecretIsAcceptedOnce() {
    IssuedToken first = tokens.createFirstAdminToken().orElseThrow();
    assertThat(tokens.authenticate(first.secret()).isAdmin()).isTrue();
    assertThat(tokens.createFirstAdminToken()).isEmpty();

    String operatorSecret = "an-operator-chosen-secret-of-40-characters";
    tokens.acceptAdminSecret(operatorSecret);
    tokens.acceptAdminSecret(operatorSecret); // a restart with the same secret
    assertThat(tokens.authenticate(operatorSecret).isAdmin()).isTrue();
    assertThat(store.tokens(null)).hasSize(2);
    assertThatThrownBy(() -> tokens.acceptAdminSecret("short")).isInstanceOf(IllegalArgumentException.class);

    tokens.revoke(Principal.SYSTEM, store.findTokenByHash(TokenSecret.hash(operatorSecret)).orElseThrow().id());
    assertThatThrownBy(() -> tokens.acceptAdminSecret(operatorSecret)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void tokenRequestsNameWhatIsWrong() {
    assertThatThrownBy(() -> TokenRequest.scopes(java.util.List.of("jobs:read", "jobs:delete")))
        .isInstanceOf(InvalidAuthRequestException.class).hasMessageStartingWith("scopes[1]: 'jobs:delete' is not a scope");
    assertThatThrownBy(() -> TokenRequest.expiresIn("soon")).hasMessageStartingWith("expiresIn:");
    assertThatThrownBy(() -> new TokenRequest("al ice", "n", Set.of(Scope.JOBS_READ), null)).hasMessageStartingWith("user:");
    assertThatThrownBy(() -> new TokenRequest("alice", " ", Set.of(Scope.JOBS_READ), null)).hasMessageStartingWith("name:");
    assertThatThrownBy(() -> new TokenRequest("alice", "n", Set.of(Scope.JOBS_READ), Duration.ofDays(4000)))
        .hasMessageStartingWith("expiresIn:");
    assertThat(TokenRequest.expiresIn("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(TokenRequest.expiresIn("12h")).isEqualTo(Duration.ofHours(12));
  }
}
