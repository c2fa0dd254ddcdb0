package dev.gantry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results: a table for people on stdout, the same rows as JSON for tools. */
final class Report {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Machine machine;
  private final String revision;
  private final Instant startedAt = Instant.now();
  private final String loadAtStart = Machine.loadAverage();
  private final List<Row> rows = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  Report(Machine machine, String revision) {
    this.machine = machine;
    this.revision = revision;
  }

  synchronized void add(List<Row> figureRows) {
    rows.addAll(figureRows);
  }

  /** A figure that could not be measured: shown as such instead of a number. */
  synchronized void failed(String figure, Exception e) {
    problems.add("figure " + figure + " could not be measured: " + e);
  }

  void print(PrintStream out, double seconds) {
    out.println();
    out.println("Gantry benchmarks, " + startedAt + ", revision " + revision);
    out.println("machine: " + machine.summary());
    out.println("load average (1/5/15 min): " + loadAtStart + " at the start, " + Machine.loadAverage()
        + " at the end (above the core count, other work competed with the bench)");
    out.println();
    String format = "%-3s %-38s %12s %12s %-7s %8s  %-16s %-4s%n";
    out.printf(format, "#", "measure", "Gantry", "baseline", "unit", "ratio", "target", "met");
    out.println("-".repeat(110));
    for (Row row : rows) {
      Boolean met = row.met();
      out.printf(format, row.figure(), row.measure(), number(row.gantry()), number(row.baseline()), row.unit(),
          number(row.ratio()), row.target().describe(row.unit()), met == null ? "" : met ? "yes" : "NO");
    }
    out.println();
    out.println("baselines and notes:");
    String lastFigure = "";
    for (Row row : rows) {
      String line = row.baselineName() + (row.note().isEmpty() ? "" : "; " + row.note());
      if (!row.figure().equals(lastFigure)) {
        out.println("  " + row.figure() + ". " + row.measure() + " -- baseline: " + line);
        lastFigure = row.figure();
      } else if (!row.note().isEmpty()) {
        out.println("     " + row.measure() + ": " + row.note());
      }
    }
    problems.forEach(p -> out.println("  ! " + p));
    out.printf("%nmet %d of %d targets; the run took %.0f s%n", count(true), count(true) + count(false), seconds);
  }

  private long count(boolean met) {
    return rows.stream().filter(r -> r.met() != null && r.met() == met).count();
  }

  void writeJson(Path file, double seconds) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("startedAt", startedAt.toString());
    root.put("revision", revision);
    root.put("seconds", Math.round(seconds));
    root.set("machine", JSON.valueToTree(machine));
    root.put("loadAverageAtStart", loadAtStart);
    root.put("loadAverageAtEnd", Machine.loadAverage());
    ArrayNode array = root.putArray("rows");
    for (Row row : rows) {
      ObjectNode node = array.addObject();
      node.put("figure", row.figure());
      node.put("measure", row.measure());
      node.put("gantry", row.gantry());
      node.put("baseline", row.baseline());
      node.put("unit", row.unit());
      node.put("ratio", row.ratio());
      node.put("baselineName", row.baselineName());
      node.put("target", row.target().describe(row.unit()));
      Boolean met = row.met();
      if (met != null) {
        node.put("met", met);
      }
      node.put("note", row.note());
    }
    root.set("problems", JSON.valueToTree(problems));
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), root);
  }

  /** Three significant digits, without exponent: 0.0123, 1.23, 123, 12345. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    double abs = Math.abs(value);
    String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, value);
  }
}
