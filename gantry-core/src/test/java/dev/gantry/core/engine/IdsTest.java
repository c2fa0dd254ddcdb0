package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void anIdIs32HexDigitsOfAVersion7Uuid() {
    String id = Ids.newId();

    assertThat(id).matches("[0-9a-f]{32}");
    UUID uuid = UUID.fromString(id.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
  }

  @Test
  void idsBeginWithTheTimeSoThatLaterOnesSortAfterEarlierOnes() {
    long before = System.currentTimeMillis();
    String id = Ids.newId();
    long after = System.currentTimeMillis();

    long millis = Long.parseLong(id.substring(0, 12), 16);
    assertThat(millis).isBetween(before, after);
  }

  @Test
  void idsDoNotRepeat() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Ids.newId());
    }
    assertThat(new HashSet<>(ids)).hasSize(ids.size());
  }
}
