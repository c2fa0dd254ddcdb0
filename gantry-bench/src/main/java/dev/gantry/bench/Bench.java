package dev.gantry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bench/run}: measures the issues' seven figures against baselines taken in the same run,
 * prints the table on stdout (progress on stderr) and writes it as JSON. Exits 1 when a figure
 * could not be measured; a missed target is reported, not an error.
 *
 * <pre>java -jar gantry-bench.jar [--jar gantry.jar] [--out results.json] [--work dir] [--only 1,3]</pre>
 */
public final class Bench {

  private static final List<Figure> FIGURES = List.of(new TaskOverheadFigure(), new ThroughputFigure(),
      new SubmissionFigure(), new ReadFigure(), new LogFigure(), new StartupFigure(), new CrossProcessLogFigure(),
      new EachFigure());
  static final String DEFAULT_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/gantry?user=gantry&password=gantry";

  private Bench() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(option(args, "--jar", "gantry-cli/target/gantry.jar"));
    Path out = Path.of(option(args, "--out", "bench/results/latest.json"));
    Path work = Path.of(option(args, "--work", Files.createTempDirectory("gantry-bench").toString()));
    Set<String> only = Arrays.stream(option(args, "--only", "1,2,3,4,5,6,7").split(",")).map(String::trim).collect(Collectors.toSet());
    if (!Files.isRegularFile(jar)) {
      System.err.println("no Gantry jar at " + jar + ": build it with ./mvnw -B install -DskipTests (bench/run does)");
      System.exit(2);
    }
    String postgres = env("GANTRY_BENCH_POSTGRES_URL", DEFAULT_POSTGRES);
    String dockerHost = env("DOCKER_HOST", "unix:///var/run/docker.sock");
    long start = System.nanoTime();
    boolean allMeasured = true;
    Report report;
    try (BenchContext bench = new BenchContext(jar, work, dockerHost, postgres.isBlank() ? null : postgres)) {
      report = new Report(Machine.describe(bench.docker().version()), env("GANTRY_BENCH_REVISION", "unknown"));
      for (Figure figure : FIGURES) {
        if (!only.contains(figure.number())) {
          continue;
        }
        bench.progress("figure %s: %s (load average %s)", figure.number(), figure.title(), Machine.loadAverage());
        try {
          report.add(figure.measure(bench));
        } catch (Exception e) {
          allMeasured = false;
          bench.progress("figure %s failed: %s", figure.number(), e);
          e.printStackTrace();
          report.failed(figure.number(), e);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    report.print(System.out, seconds);
    report.writeJson(out, seconds);
    if (allMeasured && option(args, "--work", null) == null) {
      deleteTree(work); // data directories of 100,000 jobs and 100 MiB of logs: not worth keeping
      System.err.println("results written to " + out.toAbsolutePath());
    } else {
      System.err.println("results written to " + out.toAbsolutePath() + "; server logs and data kept in " + work);
    }
    System.exit(allMeasured ? 0 : 1);
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
