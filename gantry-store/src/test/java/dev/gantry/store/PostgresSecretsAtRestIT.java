package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A dump of the PostgreSQL schema (pg_dump, as an operator's backup makes it) holds no secret in clear. */
class PostgresSecretsAtRestIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @Test
  void aDumpHoldsNoSecretInClear() throws IOException, InterruptedException {
    try (JdbcStore store = JdbcStore.open(TestKeys.keyed(database.settings()))) {
      SecretsAtRestTest.storeBoth(store);
    }

    // libpq takes the URL without "jdbc:"; its user and password parameters are libpq's too.
    String server = System.getenv(PostgresTestDatabase.URL_VARIABLE).substring("jdbc:".length());
    Process dump = new ProcessBuilder("pg_dump", "--data-only", "--schema=" + database.schema(), server)
        .redirectErrorStream(true).start();
    String out = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(dump.exitValue()).as(out).isZero();

    assertThat(out).contains("secretive", "@daily", SecretCipher.PREFIX + TestKeys.CIPHER.keyId() + ":")
        .doesNotContain(SecretsAtRestTest.NEEDLE);
  }
}
