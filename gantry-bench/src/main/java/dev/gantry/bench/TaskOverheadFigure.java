package dev.gantry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Figure 1: a job of ten tasks running {@code true}, submitted through the API and waited for (by
 * following its live log, which ends with the job), against ten sequential create/start/wait/remove
 * cycles done with docker-java. Rounds alternate between the two so that drift of the machine hits
 * both; the median round counts.
 */
final class TaskOverheadFigure implements Figure {

  private static final int TASKS = 10;
  private static final int ROUNDS = 5;
  private static final int WARM_UP_JOBS = 3;

  @Override
  public String number() {
    return "1";
  }

  @Override
  public String title() {
    return "task overhead";
  }

  @Override
  public List<Row> measure(BenchContext bench) throws Exception {
    double[] direct = new double[ROUNDS];
    double[] gantry = new double[ROUNDS];
    String breakdown = "";
    try (ServerProcess server = bench.startGantry("overhead", bench.newDir("overhead"))) {
      GantryApi api = new GantryApi(server.base());
      String job = GantryApi.jobJson("overhead", "bench", null, DirectDocker.IMAGE, "true", TASKS);
      // Warm up both paths: image cache, connection pools, and the JIT, which compiles the server's
      // hot paths over its first few hundred tasks.
      for (int i = 0; i < WARM_UP_JOBS; i++) {
        bench.docker().cycle("true");
        api.followToEnd(api.submit(job), Duration.ofMinutes(2));
      }
      for (int round = 0; round < ROUNDS; round++) {
        long start = System.nanoTime();
        for (int i = 0; i < TASKS; i++) {
          bench.docker().cycle("true");
        }
        direct[round] = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        JsonNode ended = api.followToEnd(api.submit(job), Duration.ofMinutes(2));
        gantry[round] = (System.nanoTime() - start) / 1e9;
        String state = ended.path("state").asText();
        breakdown = breakdown(ended);
        if (!"COMPLETED".equals(state)) {
          throw new IllegalStateException("the 10-task job ended " + state + "; see " + server.logTail());
        }
        bench.progress("figure 1 round %d: direct %.2f s, Gantry %.2f s", round + 1, direct[round], gantry[round]);
      }
    }
    return List.of(new Row("1", "10-task job, submit to end", median(gantry), median(direct), "s",
        "10 sequential docker-java create/start/wait/remove cycles of busybox `true`",
        Target.ratioAtMost(1.10), "median of " + ROUNDS + " alternating rounds after " + WARM_UP_JOBS
            + " warm-up jobs; all rounds Gantry " + list(gantry) + " s, direct " + list(direct)
            + " s; last round from the job's own timestamps: " + breakdown));
  }

  /** Where a job's time went: inside its runs (claim to end) and between them (end to next claim). */
  static String breakdown(JsonNode job) {
    double inRuns = 0;
    double between = 0;
    Instant previousEnd = Instant.parse(job.path("createdAt").asText());
    for (JsonNode run : job.path("execution")) {
      Instant started = Instant.parse(run.path("startedAt").asText());
      Instant completed = Instant.parse(run.path("completedAt").asText());
      between += Duration.between(previousEnd, started).toNanos() / 1e9;
      inRuns += Duration.between(started, completed).toNanos() / 1e9;
      previousEnd = completed;
    }
    return String.format("%.2f s inside the runs (claim to recorded end), %.2f s before and between them (queued to claimed)",
        inRuns, between);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String list(double[] values) {
    List<String> shown = new ArrayList<>();
    for (double v : values) {
      shown.add(Report.number(v));
    }
    return String.join("/", shown);
  }
}
