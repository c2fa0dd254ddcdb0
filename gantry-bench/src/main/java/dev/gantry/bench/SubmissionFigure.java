package dev.gantry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 3: 10,000 jobs submitted by 16 concurrent HTTP clients, on H2 and on PostgreSQL. The
 * jobs name a queue no worker serves, so only acceptance is measured (stored, committed and
 * answered), never running. The baseline is the same clients calling {@code GET /health} (HTTP plus
 * a {@code select 1}) on the same server. Beside the rates, the server's peak RSS under that load
 * against its RSS when idle. Then the same submits to a server with authentication on, each with a
 * token, against the figure without it: the issue allows auth 10 % of it.
 */
final class SubmissionFigure implements Figure {

  static final int CLIENTS = 16;
  private static final int JOBS = 10_000;
  private static final int WARM_UP = 1_000;
  static final String UNSERVED_QUEUE = "bench-unserved";

  @Override
  public String number() {
    return "3";
  }

  @Override
  public String title() {
    return "submission";
  }

  @Override
  public List<Row> measure(BenchContext bench) throws Exception {
    List<Row> rows = new ArrayList<>(measureOn(bench, "H2", null));
    rows.add(withAuth(bench, "H2", null, rows.get(0).gantry()));
    String postgres = bench.newPostgresSchema();
    if (postgres == null) {
      throw new IllegalStateException("no PostgreSQL URL given (GANTRY_BENCH_POSTGRES_URL): the PostgreSQL half was not measured");
    }
    List<Row> postgresRows = measureOn(bench, "PostgreSQL", postgres);
    rows.addAll(postgresRows);
    rows.add(withAuth(bench, "PostgreSQL", bench.newPostgresSchema(), postgresRows.get(0).gantry()));
    return rows;
  }

  /** The submits of {@link #measureOn} to a server with {@code --auth on}, with its admin token; {@code without}: jobs/s without auth. */
  private Row withAuth(BenchContext bench, String store, String dbUrl, double without) throws Exception {
    Path dir = bench.newDir("submit-auth");
    String[] options = dbUrl == null ? new String[] {"--auth", "on"} : new String[] {"--auth", "on", "--db-url", dbUrl};
    try (ServerProcess server = bench.startGantry("submit-auth-" + store, dir, options)) {
      GantryApi api = new GantryApi(server.base(), Files.readString(dir.resolve("admin-token")).strip());
      LoadGenerator load = new LoadGenerator(CLIENTS, Duration.ofMinutes(3));
      String job = GantryApi.jobJson("submitted", "bench", UNSERVED_QUEUE, DirectDocker.IMAGE, "true", 1);
      load.run(WARM_UP, i -> api.submitRequest(job));
      LoadResult submits = load.run(JOBS, i -> api.submitRequest(job));
      bench.progress("figure 3 %s POST /jobs with auth on: %s", store, submits.describe());
      String failures = submits.answered(200) == JOBS ? "" : "; only " + submits.answered(200) + " of " + JOBS
          + " accepted: " + submits.statuses();
      return new Row("3", "submit " + store + " auth on: jobs/s", submits.perSecond(), without, "1/s",
          "the same submits without auth (the row above)", Target.ratioAtLeast(0.9),
          CLIENTS + " clients, each request with a Bearer token" + failures);
    }
  }

  private List<Row> measureOn(BenchContext bench, String store, String dbUrl) throws Exception {
    String[] options = dbUrl == null ? new String[0] : new String[] {"--db-url", dbUrl};
    try (ServerProcess server = bench.startGantry("submit-" + store, bench.newDir("submit"), options)) {
      GantryApi api = new GantryApi(server.base());
      double idleRss = server.rssBytes() / 1048576.0;
      LoadGenerator load = new LoadGenerator(CLIENTS, Duration.ofMinutes(3));
      String job = GantryApi.jobJson("submitted", "bench", UNSERVED_QUEUE, DirectDocker.IMAGE, "true", 1);
      load.run(WARM_UP, i -> api.request("/health").GET().build());
      load.run(WARM_UP, i -> api.submitRequest(job));
      LoadResult health = load.run(JOBS, i -> api.request("/health").GET().build());
      bench.progress("figure 3 %s baseline GET /health: %s", store, health.describe());
      LoadResult submits = load.run(JOBS, i -> api.submitRequest(job));
      bench.progress("figure 3 %s POST /jobs: %s", store, submits.describe());
      double peakRss = server.peakRssBytes() / 1048576.0;
      long stored = api.count(null);
      long expected = WARM_UP + submits.answered(200);
      String check = stored == expected ? "all " + submits.answered(200) + " accepted jobs stored"
          : "STORED " + stored + " JOBS BUT " + expected + " WERE ACCEPTED";
      String failures = submits.answered(200) == JOBS ? "" : "; only " + submits.answered(200) + " of " + JOBS
          + " accepted: " + submits.statuses() + (submits.failures() > 0 ? ", " + submits.failures() + " connection failures" : "");
      String baseline = CLIENTS + " clients calling GET /health on the same server";
      return List.of(
          new Row("3", "submit " + store + ": jobs/s", submits.perSecond(), health.perSecond(), "1/s", baseline,
              Target.atLeast(1000), CLIENTS + " clients, " + JOBS + " jobs after " + WARM_UP + " warm-up; " + check + failures),
          new Row("3", "submit " + store + ": p50", submits.latencies().p50(), health.latencies().p50(), "ms", baseline,
              Target.NONE, ""),
          new Row("3", "submit " + store + ": p99", submits.latencies().p99(), health.latencies().p99(), "ms", baseline,
              Target.atMost(50), String.format("max %.0f ms", submits.latencies().maxMillis())),
          new Row("3", "server RSS under submit load " + store, peakRss, idleRss, "MiB",
              "the same server's RSS when idle, before the load", Target.NONE,
              "peak = kernel high-water mark (VmHWM) over warm-up, baseline and submits; heap limit "
                  + ServerProcess.HEAP_LIMIT + " as bin/gantry's"));
    }
  }
}
