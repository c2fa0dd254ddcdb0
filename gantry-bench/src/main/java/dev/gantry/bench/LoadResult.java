package dev.gantry.bench;

import java.util.Map;

/** What a burst of concurrent requests did: how fast, how long each took, and what came back. */
record LoadResult(int requests, double seconds, Latencies latencies, Map<Integer, Integer> statuses, int failures) {

  double perSecond() {
    return requests / seconds;
  }

  /** Requests answered with {@code status}. */
  int answered(int status) {
    return statuses.getOrDefault(status, 0);
  }

  /** A short account for the log, e.g. {@code 10000 in 8.1 s (1234/s), p50 5.1 ms, p99 21 ms, statuses {200=10000}}. */
  String describe() {
    return String.format("%d in %.1f s (%.0f/s), p50 %.1f ms, p99 %.1f ms, statuses %s%s", requests, seconds, perSecond(),
        latencies.p50(), latencies.p99(), statuses, failures > 0 ? ", " + failures + " failed to connect" : "");
  }
}
