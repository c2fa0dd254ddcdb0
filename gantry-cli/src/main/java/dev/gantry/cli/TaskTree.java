package dev.gantry.cli;

import dev.gantry.client.Job;
import dev.gantry.client.TaskOutline;
import dev.gantry.client.TaskRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A job's task tree as lines, one per task, children (of parallel, each and subjob tasks)
 * indented under their parent, each with its state and how long it has run ({@code now} for the
 * ones still running): a pure function of the job and the time, for the live view of
 * {@code submit --follow} and {@code status}. A composite task has no run of its own: its state
 * is its children's (running while any runs, failed if any failed once all ended).
 */
final class TaskTree {

  static final String WAITING = "waiting";
  private static final Comparator<String> TREE_ORDER = TaskTree::comparePaths;

  private TaskTree() {}

  /** One line of the tree, before it is laid out. */
  record Row(int depth, String name, String state, String elapsed, int attempt) {}

  /** The tree's lines, names escaped and columns lined up. */
  static List<String> lines(Job job, Instant now) {
    List<Row> rows = rows(job, now);
    int width = rows.stream().mapToInt(r -> 2 * r.depth() + Terminal.line(r.name()).length()).max().orElse(0);
    List<String> lines = new ArrayList<>();
    for (Row row : rows) {
      String name = "  ".repeat(row.depth()) + Terminal.line(row.name());
      String line = String.format("%-" + width + "s  %-10s %8s%s", name, row.state(), row.elapsed(),
          row.attempt() > 1 ? "  attempt " + row.attempt() : "");
      lines.add(line.stripTrailing());
    }
    return lines;
  }

  static List<Row> rows(Job job, Instant now) {
    Map<String, TaskRun> latest = new HashMap<>();
    for (TaskRun run : job.execution()) {
      String path = run.path() == null || run.path().isBlank() ? Integer.toString(run.position()) : run.path();
      TaskRun seen = latest.get(path);
      if (seen == null || run.attempt() >= seen.attempt()) {
        latest.put(path, run);
      }
    }
    TreeSet<String> paths = new TreeSet<>(TREE_ORDER);
    for (int i = 0; i < job.tasks().size(); i++) {
      paths.add(Integer.toString(i));
    }
    for (String path : latest.keySet()) {
      for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
        paths.add(path.substring(0, dot));
      }
      paths.add(path);
    }
    List<Row> rows = new ArrayList<>();
    for (String path : paths) {
      int depth = (int) path.chars().filter(c -> c == '.').count();
      TaskRun run = latest.get(path);
      if (run != null) {
        rows.add(new Row(depth, run.name() == null ? "task " + path : run.name(), run.state(),
            elapsed(run.startedAt(), run.endedAt(), now), run.attempt()));
      } else {
        TaskOutline outline = job.outlineAt(path);
        String name = outline != null && outline.name() != null ? outline.name() : "task " + path;
        List<TaskRun> below = latest.entrySet().stream().filter(e -> e.getKey().startsWith(path + "."))
            .map(Map.Entry::getValue).toList();
        rows.add(new Row(depth, name, below.isEmpty() ? WAITING : stateOf(below), spanOf(below, now), 1));
      }
    }
    return rows;
  }

  /** A composite's state from its children's latest runs. */
  private static String stateOf(List<TaskRun> children) {
    if (children.stream().allMatch(TaskRun::isEnded)) {
      return children.stream().anyMatch(r -> r.state().equals("FAILED")) ? "FAILED"
          : children.stream().anyMatch(r -> r.state().equals("CANCELLED")) ? "CANCELLED" : "COMPLETED";
    }
    return children.stream().anyMatch(r -> r.startedAt() != null) ? "RUNNING" : "SCHEDULED";
  }

  private static String spanOf(List<TaskRun> children, Instant now) {
    Instant start = children.stream().map(TaskRun::startedAt).filter(t -> t != null).min(Instant::compareTo).orElse(null);
    if (start == null) {
      return "";
    }
    boolean ended = children.stream().allMatch(TaskRun::isEnded);
    Instant end = ended ? children.stream().map(TaskRun::endedAt).filter(t -> t != null).max(Instant::compareTo).orElse(now) : null;
    return elapsed(start, end, now);
  }

  /** {@code 4.2s}, {@code 2m05s}, {@code 1h02m}; blank when it has not started. */
  static String elapsed(Instant start, Instant end, Instant now) {
    if (start == null) {
      return "";
    }
    Duration d = Duration.between(start, end != null ? end : now);
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    if (d.toSeconds() < 60) {
      return String.format("%d.%ds", d.toSeconds(), d.toMillisPart() / 100);
    }
    if (d.toHours() < 1) {
      return String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
    return String.format("%dh%02dm", d.toHours(), d.toMinutesPart());
  }

  /** {@code 2} before {@code 10}, {@code 1} before {@code 1.0}: by each index as a number. */
  private static int comparePaths(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Long.compare(number(x[i]), number(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  private static long number(String index) {
    try {
      return Long.parseLong(index);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
