package dev.gantry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsAndSizesTest {

  @Test
  void parsesGoDurations() {
    assertThat(Durations.parse("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(Durations.parse("45m")).isEqualTo(Duration.ofMinutes(45));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("1h30m5s")).isEqualTo(Duration.ofSeconds(5405));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    for (String bad : new String[] {"", "5", "s", "5x", "5s ten", "-5s", "99999999h"}) {
      assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void formatsDurationsAsWritten() {
    assertThat(Durations.format(Duration.ofMillis(300))).isEqualTo("300ms");
    assertThat(Durations.format(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(Durations.format(Duration.ofSeconds(5405))).isEqualTo("1h30m5s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.500s");
  }

  @Test
  void parsesDockerSizes() {
    assertThat(ByteSize.parse("512")).isEqualTo(512);
    assertThat(ByteSize.parse("10m")).isEqualTo(10L << 20);
    assertThat(ByteSize.parse("512M")).isEqualTo(512L << 20);
    assertThat(ByteSize.parse("2G")).isEqualTo(2L << 30);
    assertThat(ByteSize.parse("1gb")).isEqualTo(1L << 30);
    assertThat(ByteSize.parse("1.5k")).isEqualTo(1536);
    for (String bad : new String[] {"", "m", "10x", "-1m", "1e9", "99999999999t"}) {
      assertThatThrownBy(() -> ByteSize.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
