package dev.gantry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The percentiles every figure reports. */
class LatenciesTest {

  @Test
  void percentilesUseTheNearestRank() {
    Latencies latencies = new Latencies();
    for (int ms = 100; ms >= 1; ms--) {
      latencies.add(ms * 1_000_000L);
    }
    assertThat(latencies.count()).isEqualTo(100);
    assertThat(latencies.p50()).isEqualTo(50.0);
    assertThat(latencies.p99()).isEqualTo(99.0);
    assertThat(latencies.maxMillis()).isEqualTo(100.0);
  }

  @Test
  void anEmptyRecordHasNoPercentiles() {
    assertThat(new Latencies().p99()).isNaN();
  }

  @Test
  void stampedLinesGiveHowLongAgoTheyWerePrinted() {
    Latencies latencies = new Latencies();
    long nowMicros = System.currentTimeMillis() * 1000;
    PrintedLines.stampLatencies("noise\nstamp " + (nowMicros - 100_000) + "\n", latencies);
    assertThat(latencies.count()).isEqualTo(1);
    assertThat(latencies.p50()).isBetween(99.0, 5_000.0);
  }

  @Test
  void targetsBoundTheRatioOrTheValue() {
    assertThat(Target.ratioAtMost(1.1).met(5, 1.05)).isTrue();
    assertThat(Target.atMost(50).met(50, 1)).isFalse();
    assertThat(Target.atLeast(1000).met(1000, 0.5)).isTrue();
    assertThat(Target.NONE.met(1, 1)).isNull();
  }
}
