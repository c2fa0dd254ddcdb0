package dev.gantry.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 2: 200 single-task jobs on a Gantry with {@value #SLOTS} worker slots, against
 * {@value #SLOTS} threads doing the docker-java cycle 200 times in total. Both are timed from the
 * first submit (or cycle) to the last end, after {@value #WARM_UP} of each to warm up.
 */
final class ThroughputFigure implements Figure {

  static final int SLOTS = 4;
  private static final int JOBS = 200;
  private static final int WARM_UP = 40;

  @Override
  public String number() {
    return "2";
  }

  @Override
  public String title() {
    return "parallel throughput";
  }

  @Override
  public List<Row> measure(BenchContext bench) throws Exception {
    double direct;
    double gantry;
    try (ServerProcess server = bench.startGantry("throughput", bench.newDir("throughput"), "--slots", Integer.toString(SLOTS))) {
      GantryApi api = new GantryApi(server.base());
      // Both sides warm up first, so that the figure is the steady state, not the JIT's first minute.
      makespan(api, "warm-up", WARM_UP, server);
      direct(bench, WARM_UP);
      direct = direct(bench, JOBS);
      bench.progress("figure 2: direct %d cycles on %d threads in %.1f s", JOBS, SLOTS, direct);
      gantry = makespan(api, "throughput", JOBS, server);
    }
    bench.progress("figure 2: Gantry %d jobs on %d slots in %.1f s", JOBS, SLOTS, gantry);
    return List.of(new Row("2", JOBS + " jobs on " + SLOTS + " slots, makespan", gantry, direct, "s",
        SLOTS + " threads doing " + JOBS + " docker-java cycles in total",
        Target.ratioAtMost(1.15), String.format("Gantry %.1f jobs/s, direct %.1f cycles/s; after %d warm-up jobs and cycles",
            JOBS / gantry, JOBS / direct, WARM_UP)));
  }

  /**
   * Submits {@code jobs} single-task jobs tagged {@code tag} and waits for all of them; returns the
   * seconds from the first submit to the last end.
   */
  static double makespan(GantryApi api, String tag, int jobs, ServerProcess server) throws Exception {
    String job = GantryApi.jobJson(tag, tag, null, DirectDocker.IMAGE, "true", 1);
    long start = System.nanoTime();
    for (int i = 0; i < jobs; i++) {
      api.submit(job);
    }
    long deadline = start + Duration.ofMinutes(10).toNanos();
    long ended;
    while ((ended = api.count("tag:" + tag + " completed") + api.count("tag:" + tag + " failed")) < jobs) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + ended + " of " + jobs + " jobs ended within 10 minutes");
      }
      // Two searches per look: every 100 ms keeps the harness's own load on the shared cores small
      // (the makespan is tens of seconds, so it is still read to better than 1%).
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long failed = api.count("tag:" + tag + " failed");
    if (failed > 0) {
      throw new IllegalStateException(failed + " of the " + jobs + " jobs failed; see " + server.logTail());
    }
    return seconds;
  }

  /** {@code cycles} docker-java cycles on {@value #SLOTS} threads; seconds. */
  private static double direct(BenchContext bench, int cycles) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < SLOTS; t++) {
      Thread thread = new Thread(() -> {
        while (next.getAndIncrement() < cycles) {
          try {
            bench.docker().cycle("true");
          } catch (RuntimeException e) {
            failures.add(e);
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
