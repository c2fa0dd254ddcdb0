package dev.gantry.bench;

import java.util.Arrays;

/** Request durations in nanoseconds, summarised as percentiles in milliseconds. */
final class Latencies {

  private long[] nanos = new long[1024];
  private int count;

  synchronized void add(long durationNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = durationNanos;
  }

  synchronized void addAll(Latencies other) {
    long[] theirs;
    int n;
    synchronized (other) {
      theirs = other.nanos;
      n = other.count;
    }
    for (int i = 0; i < n; i++) {
      add(theirs[i]);
    }
  }

  synchronized int count() {
    return count;
  }

  /** The q-th percentile (0..100) by the nearest-rank method, in milliseconds; NaN when empty. */
  synchronized double percentileMillis(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q / 100.0 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }

  double p50() {
    return percentileMillis(50);
  }

  double p99() {
    return percentileMillis(99);
  }

  double maxMillis() {
    return percentileMillis(100);
  }
}
