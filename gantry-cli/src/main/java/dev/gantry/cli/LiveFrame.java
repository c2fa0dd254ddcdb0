package dev.gantry.cli;

import dev.gantry.client.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the live view shows at one moment: the job's headline, its task tree, and the last lines
 * of its log below, each cut to the terminal's width (a wrapped line would throw off the
 * redraw, which moves the cursor up by the number of lines). Pure: a job, a log tail and a time in, lines out.
 */
final class LiveFrame {

  private LiveFrame() {}

  static List<String> render(Job job, List<String> logTail, String notice, Instant now, int width) {
    List<String> lines = new ArrayList<>();
    lines.add(JobHeadline.of(job) + "  " + TaskTree.elapsed(job.startedAt(), ended(job), now));
    TaskTree.lines(job, now).forEach(line -> lines.add("  " + line));
    if (!logTail.isEmpty()) {
      lines.add("-- log --");
      logTail.forEach(line -> lines.add(Terminal.line(line)));
    }
    if (notice != null) {
      lines.add("gantry: " + Terminal.line(notice));
    }
    return lines.stream().map(line -> cut(line.stripTrailing(), width)).toList();
  }

  private static Instant ended(Job job) {
    Instant end = job.completedAt() != null ? job.completedAt() : job.failedAt();
    return end != null ? end : job.cancelledAt();
  }

  /** At most {@code width - 1} characters: the last column stays free, so no terminal wraps the line. */
  static String cut(String line, int width) {
    int max = Math.max(10, width - 1);
    return line.length() <= max ? line : line.substring(0, max - 1) + "…";
  }
}
