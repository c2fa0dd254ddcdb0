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

  private static final Duration POLL = Duration.ofMillis(50);
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
      double idleRss = server.rssBytes() / 1048576.0;
      start = System.nanoTime();
      String id = api.submit(GantryApi.jobJson("loud", "bench", null, DirectDocker.IMAGE, PrintedLines.BULK_SCRIPT, 1));
      long received = 0;
      double maxRss = 0;
      LogPoller follower = new LogPoller(api, id);
      boolean ended = false;
      while (received < PrintedLines.BULK_BYTES && !(ended && received > 0)) {
        List<String> parts = follower.poll();
        for (String part : parts) {
          received += PrintedLines.bytes(part);
        }
        maxRss = Math.max(maxRss, server.rssBytes() / 1048576.0);
        // Once the job ended, one more poll picks up the last parts; after that nothing more comes.
        ended = parts.isEmpty() && GantryApi.ENDED.contains(api.job(id).path("state").asText());
        if (System.nanoTime() - start > LIMIT.toNanos()) {
          throw new IllegalStateException("the follower received " + received + " bytes in " + LIMIT);
        }
        if (parts.isEmpty()) {
          Thread.sleep(POLL.toMillis());
        }
      }
      double gantry = (System.nanoTime() - start) / 1e9;
      String state = api.awaitEnd(id, POLL, LIMIT).path("state").asText();
      double peakRss = server.peakRssBytes() / 1048576.0;
      bench.progress("figure 5: Gantry follower got %d bytes in %.1f s (job %s), RSS idle %.0f MiB, peak %.0f MiB",
          received, gantry, state, idleRss, peakRss);

      Latencies latency = new Latencies();
      String stamped = api.submit(GantryApi.jobJson("stamped", "bench", null, DirectDocker.IMAGE, PrintedLines.STAMPED_SCRIPT, 1));
      LogPoller stampFollower = new LogPoller(api, stamped);
      long stampStart = System.nanoTime();
      while (latency.count() < PrintedLines.STAMPED_LINES && System.nanoTime() - stampStart < LIMIT.toNanos()) {
        for (String part : stampFollower.poll()) {
          PrintedLines.stampLatencies(part, latency);
        }
        Thread.sleep(POLL.toMillis());
      }
      bench.progress("figure 5: line latency p50 %.0f ms p99 %.0f ms (%d lines); docker-java p50 %.0f ms p99 %.0f ms",
          latency.p50(), latency.p99(), latency.count(), directLatency.p50(), directLatency.p99());
      String how = "follower polls GET /jobs/{id}/log every " + POLL.toMillis() + " ms (no live stream endpoint yet)";
      String complete = received == PrintedLines.BULK_BYTES ? "all " + received + " bytes received"
          : "RECEIVED " + received + " OF " + PrintedLines.BULK_BYTES + " BYTES";
      return List.of(
          new Row("5", "100 MiB of output, submit to last byte", gantry, direct, "s",
              "docker-java following a container running the same command", Target.NONE,
              how + "; " + complete + "; job " + state + String.format("; %.1f vs %.1f MiB/s", 100 / gantry, 100 / direct)),
          new Row("5", "server RSS while following 100 MiB", peakRss, idleRss, "MiB",
              "the same server's RSS when idle, before the job", Target.NONE,
              String.format("peak = kernel high-water mark (VmHWM); highest sampled VmRSS %.0f MiB; default JVM heap limit", maxRss)),
          new Row("5", "line printed to line received, p99", latency.p99(), directLatency.p99(), "ms",
              "docker-java following the same stamped lines", Target.atMost(250),
              String.format("%d lines, one every %d ms; p50 %.0f ms vs %.0f ms", latency.count(), PrintedLines.STAMP_EVERY_MS,
                  latency.p50(), directLatency.p50())));
    }
  }
}
