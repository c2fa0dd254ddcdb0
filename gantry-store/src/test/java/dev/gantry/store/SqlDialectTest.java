package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlDialectTest {

  @Test
  void choosesTheDialectFromTheUrl() {
    assertThat(SqlDialect.forUrl("jdbc:h2:file:/data/gantry")).isInstanceOf(H2Dialect.class);
    assertThat(SqlDialect.forUrl("jdbc:h2:mem:test")).isInstanceOf(H2Dialect.class);
    assertThat(SqlDialect.forUrl("jdbc:postgresql://db:5432/gantry")).isInstanceOf(PostgresDialect.class);
  }

  @Test
  void refusesOtherDatabasesNamingTheSupportedOnesButNotTheUrl() {
    assertThatThrownBy(() -> SqlDialect.forUrl("jdbc:mysql://db/gantry?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql:")
        .hasMessageContaining("jdbc:h2:")
        .hasMessageContaining("jdbc:postgresql:")
        .hasMessageNotContaining("secret");
  }

  @Test
  void describesTheDatabaseWithoutCredentials() {
    assertThat(SqlDialect.describe("jdbc:h2:file:/data/gantry;DB_CLOSE_ON_EXIT=FALSE;PASSWORD=secret"))
        .isEqualTo("H2 file /data/gantry");
    assertThat(SqlDialect.describe("jdbc:h2:mem:test")).isEqualTo("H2 memory test");
    assertThat(SqlDialect.describe("jdbc:postgresql://127.0.0.1:5432/gantry?user=gantry&password=secret"))
        .isEqualTo("PostgreSQL 127.0.0.1:5432/gantry");
    assertThat(SqlDialect.describe("jdbc:postgresql:gantry")).isEqualTo("PostgreSQL gantry");
    assertThat(SqlDialect.describe("jdbc:oracle:thin:scott/tiger@db")).isEqualTo("unsupported database jdbc:oracle:...");
  }
}
