package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

  @Test
  void anH2FileDatabaseLivesInTheDataDirectory() {
    StoreSettings settings = StoreSettings.h2File(Path.of("/var/lib/gantry/../gantry-data"));

    assertThat(settings.url()).startsWith("jdbc:h2:file:/var/lib/gantry-data/gantry;").contains("DB_CLOSE_ON_EXIT=FALSE");
    assertThat(settings.maxPoolSize()).isEqualTo(StoreSettings.DEFAULT_POOL_SIZE);
  }

  @Test
  void neverShowsThePassword() {
    StoreSettings settings = new StoreSettings("jdbc:postgresql://db:5432/gantry?password=in-url", "gantry", "secret", 4);

    assertThat(settings.toString()).contains("PostgreSQL db:5432/gantry", "gantry", "4")
        .doesNotContain("secret", "in-url");
  }

  @Test
  void saysWhatToFix() {
    assertThatThrownBy(() -> new StoreSettings(" ", null, null, 4)).hasMessageContaining("JDBC URL");
    assertThatThrownBy(() -> StoreSettings.h2File(Path.of("x")).withMaxPoolSize(0))
        .hasMessageContaining("maxPoolSize must be at least 1");
  }
}
