package dev.gantry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 6: {@code gantry standalone} started as a process on a new data directory (so the schema
 * is created too) until {@code /health} answers, and its RSS after some idle seconds; against the
 * JDK's HTTP server in a JVM started the same way ({@link IdleHttpServer}). Median of three starts.
 * Gantry starts as bin/gantry starts it, with its class archive; the same start without the
 * archive is shown for context.
 */
final class StartupFigure implements Figure {

  private static final int STARTS = 3;
  /** Idle means: nothing asked of the server for this long after it became healthy. */
  private static final long IDLE_MILLIS = 5_000;

  @Override
  public String number() {
    return "6";
  }

  @Override
  public String title() {
    return "start-up and idle memory";
  }

  @Override
  public List<Row> measure(BenchContext bench) throws Exception {
    double[] gantryStart = new double[STARTS];
    double[] gantryRss = new double[STARTS];
    double[] baseStart = new double[STARTS];
    double[] baseRss = new double[STARTS];
    double[] plainStart = new double[STARTS];
    double[] plainRss = new double[STARTS];
    if (!Files.isRegularFile(ServerProcess.classArchive(bench.jar()))) {
      throw new IllegalStateException("no class archive beside " + bench.jar() + ": bench/run records it with bin/gantry");
    }
    Path benchJar = Path.of(IdleHttpServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    for (int i = 0; i < STARTS; i++) {
      int port = ServerProcess.freePort();
      List<String> command = new ArrayList<>(ServerProcess.javaJar(benchJar));
      command.subList(command.size() - 2, command.size()).clear(); // "-jar <bench jar>": use -cp instead
      command.addAll(List.of("-cp", benchJar.toString(), IdleHttpServer.class.getName(), Integer.toString(port)));
      try (ServerProcess base = ServerProcess.start(command, port, bench.newDir("idle-jvm").resolve("out.log"),
          BenchContext.START_TIMEOUT)) {
        baseStart[i] = base.startSeconds();
        Thread.sleep(IDLE_MILLIS);
        baseRss[i] = base.rssBytes() / 1048576.0;
      }
      try (ServerProcess gantry = bench.startGantry("startup", bench.newDir("startup"))) {
        gantryStart[i] = gantry.startSeconds();
        Thread.sleep(IDLE_MILLIS);
        gantryRss[i] = gantry.rssBytes() / 1048576.0;
      }
      try (ServerProcess plain = bench.startGantry("startup-plain", bench.newDir("startup-plain"), false)) {
        plainStart[i] = plain.startSeconds();
        Thread.sleep(IDLE_MILLIS);
        plainRss[i] = plain.rssBytes() / 1048576.0;
      }
      bench.progress("figure 6 start %d: Gantry %.2f s, %.0f MiB (without the class archive %.2f s, %.0f MiB);"
          + " bare JVM HTTP server %.2f s, %.0f MiB", i + 1, gantryStart[i], gantryRss[i], plainStart[i], plainRss[i],
          baseStart[i], baseRss[i]);
    }
    String baseline = "JDK HttpServer answering /health in a JVM started the same way";
    return List.of(
        new Row("6", "start-up to healthy /health", TaskOverheadFigure.median(gantryStart), TaskOverheadFigure.median(baseStart),
            "s", baseline, Target.NONE, "new data directory (schema created); starts " + TaskOverheadFigure.list(gantryStart)
                + " s vs " + TaskOverheadFigure.list(baseStart) + " s"),
        new Row("6", "idle RSS", TaskOverheadFigure.median(gantryRss), TaskOverheadFigure.median(baseRss), "MiB", baseline,
            Target.NONE, (IDLE_MILLIS / 1000) + " s after healthy; default JVM options"),
        new Row("6", "start-up without the class archive", TaskOverheadFigure.median(plainStart),
            TaskOverheadFigure.median(baseStart), "s", baseline, Target.NONE, "starts " + TaskOverheadFigure.list(plainStart) + " s"),
        new Row("6", "idle RSS without the class archive", TaskOverheadFigure.median(plainRss),
            TaskOverheadFigure.median(baseRss), "MiB", baseline, Target.NONE, ""));
  }
}
