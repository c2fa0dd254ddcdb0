package dev.gantry.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 5: a task printing 100 MiB, followed until the last byte arrived, against following the
 * same command's container with docker-java; the server's peak RSS meanwhile; and how long a
 * stamped line takes from being printed to reaching a follower, against docker-java's own follow.
 */
final class LogFigure implements Figure {

  private static final Duration POLL = LogFollowing.POLL;
  private static final Duration LIMIT = Duration.ofMinutes(5);

  @Override
  public String number() {
    return "5";
  }

  @Override
  public String title() {
    return "logs";
  }

  @Override
  public List<Row> measure(BenchContext bench) throws Exception {
    AtomicLong directBytes = new AtomicLong();
    long start = System.nanoTime();
    bench.docker().runFollowing(payload -> directBytes.addAndGet(payload.length), "sh", "-c", PrintedLines.BULK_SCRIPT);
    double direct = (System.nanoTime() - start) / 1e9;
    bench.progress("figure 5: docker-java followed %d bytes in %.1f s", directBytes.get(), direct);
    Latencies directLatency = new Latencies();
    StringBuilder pending = new StringBuilder();
    bench.docker().runFollowing(payload -> {
      pending.append(new String(payload, StandardCharsets.UTF_8));
      int end = pending.lastIndexOf("\n");
      if (end >= 0) {
        PrintedLines.stampLatencies(pending.substring(0, end), directLatency);
        pending.delete(0, end + 1);
      }
    }, "sh", "-c", PrintedLines.STAMPED_SCRIPT);

    try (ServerProcess server = bench.startGantry("logs", bench.newDir("logs"), "--max-output", "128m")) {
      GantryApi api = new GantryApi(server.base());
      LogFollowing following = new LogFollowing(api);
      double idleRss = server.rssBytes() / 1048576.0;
      AtomicLong received = new AtomicLong();
      RssSampler sampler = new RssSampler(server);
      start = System.nanoTime();
      String id = api.submit(GantryApi.jobJson("loud", "bench", null, DirectDocker.IMAGE, PrintedLines.BULK_SCRIPT, 1));
      following.follow(id, LIMIT, text -> received.addAndGet(PrintedLines.bytes(text)));
      double gantry = (System.nanoTime() - start) / 1e9;
      double maxRss = sampler.stop() / 1048576.0;
      String state = api.awaitEnd(id, POLL, LIMIT).path("state").asText();
      double peakRss = server.peakRssBytes() / 1048576.0;
      bench.progress("figure 5: Gantry follower got %d bytes in %.1f s (job %s), RSS idle %.0f MiB, peak %.0f MiB",
          received.get(), gantry, state, idleRss, peakRss);

      Latencies latency = new Latencies();
      StringBuilder stampedText = new StringBuilder();
      String stamped = api.submit(GantryApi.jobJson("stamped", "bench", null, DirectDocker.IMAGE, PrintedLines.STAMPED_SCRIPT, 1));
      following.follow(stamped, LIMIT, text -> {
        stampedText.append(text);
        int end = stampedText.lastIndexOf("\n");
        if (end >= 0) {
          PrintedLines.stampLatencies(stampedText.substring(0, end), latency);
          stampedText.delete(0, end + 1);
        }
      });
      bench.progress("figure 5: line latency p50 %.0f ms p99 %.0f ms (%d lines); docker-java p50 %.0f ms p99 %.0f ms",
          latency.p50(), latency.p99(), latency.count(), directLatency.p50(), directLatency.p99());
      String how = "follower: " + following.method();
      String complete = received.get() == PrintedLines.BULK_BYTES ? "all " + received.get() + " bytes received"
          : "RECEIVED " + received.get() + " OF " + PrintedLines.BULK_BYTES + " BYTES";
      return List.of(
          new Row("5", "100 MiB of output, submit to last byte", gantry, direct, "s",
              "docker-java following a container running the same command", Target.NONE,
              how + "; " + complete + "; job " + state + String.format("; %.1f vs %.1f MiB/s", 100 / gantry, 100 / direct)
                  + "; --max-output 128m (the default 64m would truncate)"),
          new Row("5", "server RSS while following 100 MiB", peakRss, idleRss, "MiB",
              "the same server's RSS when idle, before the job", Target.NONE,
              String.format("peak = kernel high-water mark (VmHWM); highest sampled VmRSS %.0f MiB; heap limit %s as bin/gantry's", maxRss,
                  ServerProcess.HEAP_LIMIT)),
          new Row("5", "line printed to line received, p99", latency.p99(), directLatency.p99(), "ms",
              "docker-java following the same stamped lines", Target.atMost(250),
              String.format("%d lines, one every %d ms; p50 %.0f ms vs %.0f ms", latency.count(), PrintedLines.STAMP_EVERY_MS,
                  latency.p50(), directLatency.p50())));
    }
  }
}
