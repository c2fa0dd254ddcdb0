package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.auth.TokenService;
import dev.gantry.store.JdbcStore;
import dev.gantry.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a process with auth on gets its admin token from, on an H2 store. */
class AdminTokenTest {

  @TempDir Path dir;
  private JdbcStore store;

  private TokenService tokens() {
    store = JdbcStore.open(StoreSettings.h2File(dir.resolve("db")));
    return new TokenService(store, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void aFirstStartWritesANewAdminTokenForItsOwnerOnlyAndLaterStartsReadIt() throws Exception {
    TokenService tokens = tokens();
    Path file = dir.resolve("data/admin-token");
    AdminToken.bootstrap(tokens, new GantryConfig.Auth(true, file, null), false);

    String secret = Files.readString(file).strip();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(tokens.authenticate(secret).isAdmin()).isTrue();
    AdminToken.bootstrap(tokens, new GantryConfig.Auth(true, file, null), false);
    assertThat(store.tokens(null)).hasSize(1);
  }

  @Test
  void theOperatorsSecretFromTheEnvironmentIsAccepted() {
    TokenService tokens = tokens();
    String secret = "operator-secret-0123456789-0123456789";
    AdminToken.bootstrap(tokens, new GantryConfig.Auth(true, dir.resolve("unused"), secret), false);

    assertThat(tokens.authenticate(secret).isAdmin()).isTrue();
    assertThat(dir.resolve("unused")).doesNotExist();
  }

  @Test
  void aServerWithoutAnyAdminTokenRefusesToStartSayingWhatToGive() {
    TokenService tokens = tokens();
    assertThatThrownBy(() -> AdminToken.bootstrap(tokens, new GantryConfig.Auth(true, null, null), false))
        .hasMessageContaining("GANTRY_ADMIN_TOKEN").hasMessageContaining("--admin-token-file");
  }

  @Test
  void anEmptyTokenFileIsRefused() throws Exception {
    TokenService tokens = tokens();
    Path file = Files.writeString(dir.resolve("admin-token"), "\n");
    assertThatThrownBy(() -> AdminToken.bootstrap(tokens, new GantryConfig.Auth(true, file, null), false)).hasMessageContaining("is empty");
  }

  @Test
  void aCheckWritesAndStoresNothingButFindsAMissingAdminToken() {
    TokenService tokens = tokens();
    Path file = dir.resolve("admin-token");
    AdminToken.bootstrap(tokens, new GantryConfig.Auth(true, file, null), true);
    AdminToken.bootstrap(tokens, new GantryConfig.Auth(true, null, "operator-secret-0123456789-0123456789"), true);

    assertThat(file).doesNotExist();
    assertThat(store.tokens(null)).isEmpty();
    assertThatThrownBy(() -> AdminToken.bootstrap(tokens, new GantryConfig.Auth(true, null, null), true))
        .hasMessageContaining("GANTRY_ADMIN_TOKEN");
    assertThatThrownBy(() -> AdminToken.bootstrap(tokens, new GantryConfig.Auth(true, null, "short"), true))
        .hasMessageContaining("32 to 512");
  }
}
