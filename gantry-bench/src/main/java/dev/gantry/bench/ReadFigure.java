package dev.gantry.bench;

import dev.gantry.store.StoreSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Figure 4: with 100,000 jobs stored, 16 concurrent clients reading one job, searching for a word,
 * and paging through the list; on H2 and on PostgreSQL. The baseline is the same clients calling
 * {@code GET /health} on the same server.
 */
final class ReadFigure implements Figure {

  private static final int STORED = 100_000;
  private static final int REQUESTS = 3_000;
  /** Slow endpoints stop early: their percentiles are clear well before 3,000 requests. */
  private static final Duration PER_ENDPOINT = Duration.ofSeconds(20);
  private static final int PAGE_SIZE = 10;

  @Override
  public String number() {
    return "4";
  }

  @Override
  public String title() {
    return "reads under load";
  }

  @Override
  public List<Row> measure(BenchContext bench) throws Exception {
    List<Row> rows = new ArrayList<>();
    var dataDir = bench.newDir("reads");
    rows.addAll(measureOn(bench, "H2", StoreSettings.h2File(dataDir), dataDir, null));
    String postgres = bench.newPostgresSchema();
    if (postgres == null) {
      throw new IllegalStateException("no PostgreSQL URL given (GANTRY_BENCH_POSTGRES_URL): the PostgreSQL half was not measured");
    }
    rows.addAll(measureOn(bench, "PostgreSQL", new StoreSettings(postgres, null, null, 4), bench.newDir("reads-pg"), postgres));
    return rows;
  }

  private List<Row> measureOn(BenchContext bench, String store, StoreSettings settings, java.nio.file.Path dataDir, String dbUrl)
      throws Exception {
    JobSeeder seeder = new JobSeeder();
    double seconds = seeder.seed(settings, STORED);
    bench.progress("figure 4 %s: stored %d jobs in %.1f s", store, STORED, seconds);
    List<String> ids = seeder.sampleIds();
    String[] options = dbUrl == null ? new String[0] : new String[] {"--db-url", dbUrl};
    try (ServerProcess server = bench.startGantry("reads-" + store, dataDir, options)) {
      GantryApi api = new GantryApi(server.base());
      if (api.count(null) < STORED) {
        throw new IllegalStateException("the server sees " + api.count(null) + " jobs, not " + STORED);
      }
      LoadGenerator load = new LoadGenerator(SubmissionFigure.CLIENTS, PER_ENDPOINT);
      Random random = new Random(7);
      int pages = STORED / PAGE_SIZE;
      load.run(500, i -> api.request("/jobs/" + ids.get(i % ids.size())).GET().build()); // warm-up
      LoadResult health = load.run(REQUESTS, i -> api.request("/health").GET().build());
      bench.progress("figure 4 %s baseline GET /health: %s", store, health.describe());
      String baseline = SubmissionFigure.CLIENTS + " clients calling GET /health on the same server";
      List<Row> rows = new ArrayList<>();
      rows.addAll(endpoint(bench, load, store, "GET /jobs/{id}", health, baseline,
          i -> api.request("/jobs/" + ids.get(random.nextInt(ids.size()))).GET().build(), "a random one of 1,000 ids spread over the history"));
      rows.addAll(endpoint(bench, load, store, "GET /jobs?q=word", health, baseline,
          i -> api.request("/jobs?q=" + JobSeeder.RARE_WORD).GET().build(),
          "page 1 of the jobs whose name has '" + JobSeeder.RARE_WORD + "' (1 in " + JobSeeder.RARE_EVERY + ")"));
      rows.addAll(endpoint(bench, load, store, "GET /jobs?page=N", health, baseline,
          i -> api.request("/jobs?size=" + PAGE_SIZE + "&page=" + (1 + random.nextInt(pages))).GET().build(),
          "N uniformly random in 1.." + pages + " (size " + PAGE_SIZE + ")"));
      return rows;
    }
  }

  private static List<Row> endpoint(BenchContext bench, LoadGenerator load, String store, String name, LoadResult health,
      String baseline, IntFunction<java.net.http.HttpRequest> request, String what) throws InterruptedException {
    LoadResult result = load.run(REQUESTS, request);
    bench.progress("figure 4 %s %s: %s", store, name, result.describe());
    String answered = result.answered(200) == result.requests() ? "" : "; NOT ALL ANSWERED 200: " + result.statuses();
    return List.of(
        new Row("4", name + " " + store + " p50", result.latencies().p50(), health.latencies().p50(), "ms", baseline,
            Target.NONE, String.format("%s; %d requests in %.0f s, %.0f req/s%s", what, result.requests(), result.seconds(),
                result.perSecond(), answered)),
        new Row("4", name + " " + store + " p99", result.latencies().p99(), health.latencies().p99(), "ms", baseline,
            Target.atMost(20), ""));
  }
}
