package dev.gantry.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Figure 7: how long a stamped line takes from being printed by a task on a {@code gantry worker}
 * to reaching a follower of the live stream on a {@code gantry server}, another process, both on
 * PostgreSQL; against the same lines followed on a {@code gantry standalone} (worker and API in
 * one process) on the same PostgreSQL, in the same run.
 */
final class CrossProcessLogFigure implements Figure {

  private static final Duration LIMIT = Duration.ofMinutes(3);

  @Override
  public String number() {
    return "7";
  }

  @Override
  public String title() {
    return "cross-process live log";
  }

  @Override
  public List<Row> measure(BenchContext bench) throws Exception {
    String samePg = bench.newPostgresSchema();
    if (samePg == null) {
      throw new IllegalStateException("no PostgreSQL URL given (GANTRY_BENCH_POSTGRES_URL): figure 7 needs one");
    }
    Latencies same;
    try (ServerProcess standalone = bench.startGantry("live-standalone", bench.newDir("live-standalone"), "--db-url", samePg)) {
      same = stampedLatencies(new GantryApi(standalone.base()));
    }
    bench.progress("figure 7: same process (standalone on PostgreSQL) p50 %.0f ms p99 %.0f ms (%d lines)", same.p50(),
        same.p99(), same.count());

    String sharedPg = bench.newPostgresSchema();
    // The processes of one installation seal secrets with one key.
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> env = Map.of("GANTRY_SECRET_KEY", Base64.getEncoder().encodeToString(key));
    Latencies across;
    try (ServerProcess server = bench.startServer("live-server", sharedPg, env);
        WorkerProcess worker = bench.startWorker("live-worker", sharedPg, env)) {
      across = stampedLatencies(new GantryApi(server.base()));
    }
    bench.progress("figure 7: server and worker processes p50 %.0f ms p99 %.0f ms (%d lines)", across.p50(), across.p99(),
        across.count());

    String baseline = "the same lines followed on a standalone (API and worker in one process) on PostgreSQL";
    String note = String.format("%d and %d lines, one every %d ms; follower: GET /jobs/{id}/log/stream on the server; "
        + "parts announced by LISTEN/NOTIFY, read from the store", across.count(), same.count(), PrintedLines.STAMP_EVERY_MS);
    return List.of(
        new Row("7", "line printed on a worker to received on a server, p99", across.p99(), same.p99(), "ms", baseline,
            Target.atMost(250), note),
        new Row("7", "line printed on a worker to received on a server, p50", across.p50(), same.p50(), "ms", baseline,
            Target.NONE, String.format("max %.0f ms vs %.0f ms", across.maxMillis(), same.maxMillis())));
  }

  /** Runs the stamped lines of figure 5 as a job and follows it to its end. */
  private static Latencies stampedLatencies(GantryApi api) throws Exception {
    Latencies latencies = new Latencies();
    StringBuilder pending = new StringBuilder();
    String id = api.submit(GantryApi.jobJson("stamped", "bench", null, DirectDocker.IMAGE, PrintedLines.STAMPED_SCRIPT, 1));
    new LogFollowing(api).follow(id, LIMIT, text -> {
      pending.append(text);
      int end = pending.lastIndexOf("\n");
      if (end >= 0) {
        PrintedLines.stampLatencies(pending.substring(0, end), latencies);
        pending.delete(0, end + 1);
      }
    });
    String state = api.awaitEnd(id, LogFollowing.POLL, LIMIT).path("state").asText();
    if (latencies.count() != PrintedLines.STAMPED_LINES || !state.equals("COMPLETED")) {
      throw new IllegalStateException("the stamped job ended " + state + " with " + latencies.count() + " of "
          + PrintedLines.STAMPED_LINES + " lines received");
    }
    return latencies;
  }
}
