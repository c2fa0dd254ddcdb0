package dev.gantry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * Figure 8: one job whose only task is an {@code each} of {@link #ITEMS} copies of a one-line
 * task, against as many one-task jobs, on the same Gantry with {@value ThroughputFigure#SLOTS}
 * slots: the tree must cost no more per task than separate jobs do (issue 10). Both are timed from
 * the submit to the last end, after {@value #WARM_UP} one-task jobs to warm up. The size is 1,000
 * unless {@code BENCH_EACH_ITEMS} says otherwise (a shorter run on a busy machine; its rows say the size).
 */
final class EachFigure implements Figure {

  static final int ITEMS = Integer.parseInt(System.getenv().getOrDefault("BENCH_EACH_ITEMS", "1000"));
  private static final int WARM_UP = 40;

  @Override
  public String number() {
    return "8";
  }

  @Override
  public String title() {
    return "an each of " + ITEMS + " items against " + ITEMS + " jobs";
  }

  @Override
  public List<Row> measure(BenchContext bench) throws Exception {
    double each;
    double jobs;
    try (ServerProcess server = bench.startGantry("each", bench.newDir("each"), "--slots",
        Integer.toString(ThroughputFigure.SLOTS))) {
      GantryApi api = new GantryApi(server.base());
      ThroughputFigure.makespan(api, "each-warm-up", WARM_UP, server);
      each = eachJob(api, server);
      bench.progress("figure 8: one job with an each of %d in %.1f s", ITEMS, each);
      jobs = ThroughputFigure.makespan(api, "each-baseline", ITEMS, server);
      bench.progress("figure 8: %d one-task jobs in %.1f s", ITEMS, jobs);
    }
    return List.of(new Row("8", "one job, an each of " + ITEMS + " tasks, makespan", each, jobs, "s",
        ITEMS + " one-task jobs on the same server", Target.ratioAtMost(1.10),
        String.format("%.1f ms per task in the each, %.1f ms per job; %d slots", each * 1000 / ITEMS, jobs * 1000 / ITEMS,
            ThroughputFigure.SLOTS)));
  }

  /** Submits the each job and waits for it: seconds from the submit to its end. */
  private static double eachJob(GantryApi api, ServerProcess server) throws Exception {
    String job = "{\"name\":\"each\",\"tags\":[\"each\"],\"tasks\":[{\"name\":\"all\",\"each\":{\"list\":"
        + GantryApi.quote("{{ sequence(0, " + ITEMS + ") }}") + ",\"task\":{\"name\":\"copy\",\"image\":"
        + GantryApi.quote(DirectDocker.IMAGE) + ",\"network\":\"none\",\"run\":\"true\"}}}]}";
    long start = System.nanoTime();
    String id = api.submit(job);
    // As long as the 1,000 jobs may take, and then as long again: the figure is the ratio of the two.
    long deadline = start + Duration.ofMinutes(20).toNanos();
    // The search, not GET /jobs/{id}: reading a job of 1,000 runs every look would load the server it measures.
    while (api.count("tag:each completed") + api.count("tag:each failed") + api.count("tag:each cancelled") == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the each job did not end within 20 minutes");
      }
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonNode ended = api.job(id);
    if (!ended.path("state").asText().equals("COMPLETED")) {
      throw new IllegalStateException("the each job ended " + ended.path("state").asText() + ": "
          + ended.path("error").asText() + "; see " + server.logTail());
    }
    int runs = ended.path("execution").size();
    if (runs != ITEMS) {
      throw new IllegalStateException("the each job ran " + runs + " tasks, not " + ITEMS);
    }
    return seconds;
  }
}
