package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a task may write to $TORK_PROGRESS: a number from 0 to 100, as {@code echo 50 > $TORK_PROGRESS} writes it. */
class ProgressFileTest {

  @Test
  void aNumberFrom0To100WithBlanksAroundItIsAProgress() {
    assertThat(ProgressFile.parse("50\n")).isEqualTo(50.0);
    assertThat(ProgressFile.parse("  12.5 ")).isEqualTo(12.5);
    assertThat(ProgressFile.parse("0")).isEqualTo(0.0);
    assertThat(ProgressFile.parse("100")).isEqualTo(100.0);
  }

  @Test
  void anythingElseIsNone() {
    assertThat(ProgressFile.parse("")).isNull();
    assertThat(ProgressFile.parse("half")).isNull();
    assertThat(ProgressFile.parse("101")).isNull();
    assertThat(ProgressFile.parse("-1")).isNull();
    assertThat(ProgressFile.parse("NaN")).isNull();
    assertThat(ProgressFile.parse("50%")).isNull();
  }
}
