package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.auth.ApiToken;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.TokenSecret;
import dev.gantry.core.spi.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TokenStore} must do; each database's test only says where an empty database is. */
public abstract class TokenStoreContract {

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456Z");

  private JdbcStore jdbc;
  protected TokenStore store;

  /** An empty database of its own; null when the subclass sets {@link #store} itself. */
  protected abstract StoreSettings emptyDatabase();

  @BeforeEach
  void open() {
    StoreSettings settings = emptyDatabase();
    if (settings != null) {
      jdbc = JdbcStore.open(settings);
      store = jdbc;
    }
  }

  @AfterEach
  void close() {
    if (jdbc != null) {
      jdbc.close();
    }
  }

  static ApiToken token(String id, String user, Set<Scope> scopes, Instant expiresAt) {
    return new ApiToken(id, user, "token " + id, scopes, T0, expiresAt, null, TokenSecret.hash("secret of " + id));
  }

  @Test
  void aTokenIsFoundByItsHashAndByIdAsStored() {
    ApiToken token = token("t1", "alice", Set.of(Scope.JOBS_READ, Scope.JOBS_WRITE), T0.plusSeconds(3600));
    store.insertToken(token);

    assertThat(store.findTokenByHash(TokenSecret.hash("secret of t1"))).contains(token);
    assertThat(store.findToken("t1")).contains(token);
    assertThat(store.findTokenByHash(TokenSecret.hash("another secret"))).isEmpty();
    assertThat(store.findToken("t2")).isEmpty();
  }

  @Test
  void tokensAreListedPerUserOrAllOldestFirst() {
    store.insertToken(token("a1", "alice", Set.of(Scope.JOBS_READ), null));
    store.insertToken(token("b1", "bob", Set.of(Scope.ADMIN), null));
    store.insertToken(token("a2", "alice", Set.of(Scope.JOBS_WRITE), null));

    assertThat(store.tokens("alice")).extracting(ApiToken::id).containsExactly("a1", "a2");
    assertThat(store.tokens(null)).extracting(ApiToken::id).containsExactly("a1", "a2", "b1");
    assertThat(store.tokens("carol")).isEmpty();
  }

  @Test
  void aRevokedTokenStaysFindableAndIsRevokedOnce() {
    store.insertToken(token("t1", "alice", Set.of(Scope.JOBS_READ), null));

    assertThat(store.revokeToken("t1", T0.plusSeconds(5))).isTrue();
    assertThat(store.revokeToken("t1", T0.plusSeconds(9))).isFalse();
    assertThat(store.revokeToken("nope", T0)).isFalse();
    ApiToken revoked = store.findTokenByHash(TokenSecret.hash("secret of t1")).orElseThrow();
    assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(revoked.isValidAt(T0.plusSeconds(6))).isFalse();
  }

  @Test
  void onlyAValidAdminTokenCountsAsOne() {
    assertThat(store.hasValidAdminToken(T0)).isFalse();
    store.insertToken(token("r", "alice", Set.of(Scope.JOBS_READ, Scope.JOBS_WRITE), null));
    store.insertToken(token("old", "admin", Set.of(Scope.ADMIN), T0.plusSeconds(10)));
    assertThat(store.hasValidAdminToken(T0)).isTrue();
    assertThat(store.hasValidAdminToken(T0.plusSeconds(10))).isFalse();

    store.insertToken(token("new", "admin", Set.of(Scope.ADMIN, Scope.JOBS_READ), null));
    store.revokeToken("new", T0.plusSeconds(20));
    assertThat(store.hasValidAdminToken(T0.plusSeconds(30))).isFalse();
  }

  @Test
  void aSecondTokenWithTheSameHashIsRefused() {
    store.insertToken(token("t1", "alice", Set.of(Scope.JOBS_READ), null));
    ApiToken twin = new ApiToken("t2", "bob", "twin", Set.of(Scope.ADMIN), T0, null, null, TokenSecret.hash("secret of t1"));

    assertThatThrownBy(() -> store.insertToken(twin)).isInstanceOf(RuntimeException.class);
    assertThat(store.findToken("t2")).isEmpty();
  }

  @Test
  void firstTokensOfOneNewUserMadeAtOnceAreAllStored() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> made = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String id = "c" + i;
        made.add(pool.submit(() -> store.insertToken(token(id, "carol", Set.of(Scope.JOBS_READ), null))));
      }
      for (Future<?> f : made) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.tokens("carol")).hasSize(8);
  }
}
