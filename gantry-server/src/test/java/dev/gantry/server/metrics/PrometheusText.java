package dev.gantry.server.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4 and of OpenMetrics 1.0 text, for
 * tests: it fails on anything those formats do not allow, and on what Gantry promises beyond them
 * (every metric family has a HELP and a TYPE line).
 *
 * <p>Rules checked: lines end with a newline; HELP and TYPE at most once per family and before its
 * samples; a known type; metric and label names by the formats' patterns, no label twice, no
 * reserved {@code __} label; label values quoted with only the allowed escapes; values that parse
 * as floats (NaN, +Inf, -Inf included); a family's samples contiguous and each sample's name the
 * family's name or one of the suffixes its type allows; no sample twice; histograms with a
 * {@code le="+Inf"} bucket per series, summaries' quantiles in [0, 1]; OpenMetrics ends with
 * {@code # EOF} and nothing after it.
 */
public final class PrometheusText {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(NaN|Inf|(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?)");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** One metric family: its TYPE, HELP and samples. */
  public record Family(String name, String type, String help, List<Sample> samples) {}

  private final boolean openMetrics;
  private final Map<String, Family> families = new LinkedHashMap<>();
  private final Set<String> closed = new HashSet<>();
  private final Set<String> seenSamples = new HashSet<>();
  private String current;
  private int lineNumber;

  private PrometheusText(boolean openMetrics) {
    this.openMetrics = openMetrics;
  }

  /** The families of a Prometheus text 0.0.4 document, in order; AssertionError on any violation. */
  public static Map<String, Family> parse(String text) {
    return new PrometheusText(false).read(text);
  }

  /** The families of an OpenMetrics 1.0 text document; AssertionError on any violation. */
  public static Map<String, Family> parseOpenMetrics(String text) {
    return new PrometheusText(true).read(text);
  }

  private Map<String, Family> read(String text) {
    check(!text.isEmpty() && text.endsWith("\n"), "the document must end with a newline");
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    boolean eof = false;
    for (String line : lines) {
      lineNumber++;
      check(!eof, "nothing may follow # EOF");
      if (line.equals("# EOF") && openMetrics) {
        eof = true;
      } else if (line.startsWith("#")) {
        comment(line);
      } else {
        check(!line.isEmpty() || !openMetrics, "OpenMetrics has no blank lines");
        if (!line.isBlank()) {
          sample(line);
        }
      }
    }
    check(eof || !openMetrics, "an OpenMetrics document ends with # EOF");
    for (Family family : families.values()) {
      check(family.type() != null, "family " + family.name() + " has no TYPE");
      check(family.help() != null, "family " + family.name() + " has no HELP");
      if (family.type().equals("histogram")) {
        checkInfBuckets(family);
      }
    }
    return families;
  }

  private void comment(String line) {
    String[] parts = line.split(" ", 4);
    if (parts.length < 3 || !(parts[1].equals("HELP") || parts[1].equals("TYPE") || parts[1].equals("UNIT"))) {
      check(!openMetrics, "OpenMetrics allows only HELP, TYPE, UNIT and EOF comments");
      return;
    }
    String name = parts[2];
    check(METRIC_NAME.matcher(name).matches(), "bad metric name '" + name + "'");
    Family family = enter(name);
    String rest = parts.length > 3 ? parts[3] : "";
    switch (parts[1]) {
      case "HELP" -> {
        check(family.help() == null, "second HELP for " + name);
        checkEscapes(rest, openMetrics ? "\\\"n" : "\\n", "HELP of " + name);
        replace(new Family(name, family.type(), rest, family.samples()));
      }
      case "TYPE" -> {
        check(family.type() == null, "second TYPE for " + name);
        check(family.samples().isEmpty(), "TYPE for " + name + " after its samples");
        Set<String> types = openMetrics
            ? Set.of("counter", "gauge", "histogram", "gaugehistogram", "stateset", "info", "summary", "unknown")
            : Set.of("counter", "gauge", "histogram", "summary", "untyped");
        check(types.contains(rest), "unknown type '" + rest + "' for " + name);
        replace(new Family(name, rest, family.help(), family.samples()));
      }
      default -> check(openMetrics, "UNIT is OpenMetrics only");
    }
  }

  private void sample(String line) {
    Matcher name = METRIC_NAME.matcher(line);
    check(name.lookingAt(), "a sample line starts with a metric name: '" + line + "'");
    String sampleName = name.group();
    int at = name.end();
    Map<String, String> labels = new TreeMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      at = labels(line, at + 1, labels);
    }
    check(at < line.length() && line.charAt(at) == ' ', "a space must follow the name and labels: '" + line + "'");
    String[] rest = line.substring(at + 1).split(" ", -1);
    check(rest.length == 1 || rest.length == 2, "value and optional timestamp only: '" + line + "'");
    check(FLOAT.matcher(rest[0]).matches(), "value '" + rest[0] + "' is not a float");
    if (rest.length == 2) {
      check(rest[1].matches("-?\\d+(\\.\\d+)?"), "bad timestamp '" + rest[1] + "'");
    }
    double value = Double.parseDouble(rest[0].replace("Inf", "Infinity"));
    Family family = familyOf(sampleName);
    check(seenSamples.add(sampleName + labels), "sample " + sampleName + labels + " appears twice");
    if (family.type().equals("summary") && labels.containsKey("quantile") && sampleName.equals(family.name())) {
      double q = Double.parseDouble(labels.get("quantile"));
      check(q >= 0 && q <= 1, "quantile " + q + " of " + sampleName + " outside [0, 1]");
    }
    family.samples().add(new Sample(sampleName, labels, value));
  }

  private int labels(String line, int at, Map<String, String> labels) {
    while (true) {
      check(at < line.length(), "unterminated labels: '" + line + "'");
      if (line.charAt(at) == '}') {
        return at + 1;
      }
      Matcher label = LABEL_NAME.matcher(line).region(at, line.length());
      check(label.lookingAt(), "bad label name at column " + at + ": '" + line + "'");
      String labelName = label.group();
      check(!labelName.startsWith("__"), "reserved label name " + labelName);
      at = label.end();
      check(line.startsWith("=\"", at), "a label is name=\"value\": '" + line + "'");
      at += 2;
      StringBuilder value = new StringBuilder();
      while (true) {
        check(at < line.length(), "unterminated label value: '" + line + "'");
        char c = line.charAt(at++);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          check(at < line.length(), "dangling escape: '" + line + "'");
          char e = line.charAt(at++);
          check(e == '\\' || e == '"' || e == 'n', "bad escape \\" + e + " in a label value");
          value.append(e == 'n' ? '\n' : e);
        } else {
          value.append(c);
        }
      }
      check(labels.put(labelName, value.toString()) == null, "label " + labelName + " twice: '" + line + "'");
      if (at < line.length() && line.charAt(at) == ',') {
        at++;
      }
    }
  }

  /** The family a sample belongs to: it must be the current one, by name and the suffixes its type allows. */
  private Family familyOf(String sampleName) {
    check(current != null, "sample " + sampleName + " before any TYPE");
    Family family = families.get(current);
    check(family.type() != null, "sample " + sampleName + " of " + current + " before its TYPE");
    String suffix = sampleName.startsWith(current) ? sampleName.substring(current.length()) : null;
    List<String> allowed = switch (family.type()) {
      case "counter" -> openMetrics ? List.of("_total", "_created") : List.of("");
      case "summary" -> openMetrics ? List.of("", "_sum", "_count", "_created") : List.of("", "_sum", "_count");
      case "histogram" -> openMetrics ? List.of("_bucket", "_sum", "_count", "_created") : List.of("_bucket", "_sum", "_count");
      case "gaugehistogram" -> List.of("_bucket", "_gsum", "_gcount");
      case "info" -> List.of("_info");
      default -> List.of("");
    };
    check(suffix != null && allowed.contains(suffix),
        "sample " + sampleName + " does not belong to the " + family.type() + " " + current + " it follows");
    return family;
  }

  private Family enter(String name) {
    if (!name.equals(current)) {
      check(!closed.contains(name), "the lines of " + name + " are not together");
      if (current != null) {
        closed.add(current);
      }
      current = name;
      families.putIfAbsent(name, new Family(name, null, null, new ArrayList<>()));
    }
    return families.get(name);
  }

  private void replace(Family family) {
    families.put(family.name(), family);
  }

  private void checkInfBuckets(Family family) {
    Map<Map<String, String>, Boolean> series = new LinkedHashMap<>();
    for (Sample s : family.samples()) {
      if (s.name().endsWith("_bucket")) {
        Map<String, String> key = new TreeMap<>(s.labels());
        String le = key.remove("le");
        check(le != null, "bucket without le in " + family.name());
        series.merge(key, le.equals("+Inf"), Boolean::logicalOr);
      }
    }
    series.forEach((labels, inf) -> check(inf, "histogram " + family.name() + labels + " has no +Inf bucket"));
  }

  private void checkEscapes(String text, String allowed, String where) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        check(i + 1 < text.length() && allowed.indexOf(text.charAt(i + 1)) >= 0, "bad escape in " + where);
        i++;
      }
    }
  }

  private void check(boolean ok, String problem) {
    if (!ok) {
      throw new AssertionError("line " + lineNumber + ": " + problem);
    }
  }
}
