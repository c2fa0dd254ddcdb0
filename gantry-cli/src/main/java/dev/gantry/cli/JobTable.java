package dev.gantry.cli;

import dev.gantry.client.JobSummary;
import dev.gantry.client.Page;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** {@code gantry jobs}: one page of jobs as a table, and where the page is. */
final class JobTable {

  private static final String ROW = "%-32s  %-9s  %-20s  %s";

  private JobTable() {}

  static void print(Page<JobSummary> page, int asked, PrintStream out) {
    long total = page.totalItems();
    int pages = page.totalPages();
    var items = page.items();
    if (total == 0) {
      out.println("no jobs");
      return;
    }
    if (items.isEmpty()) {
      out.println("page " + asked + " is past the end: " + count(total, "job") + " on " + count(pages, "page"));
      return;
    }
    out.println(String.format(ROW, "ID", "STATE", "CREATED", "NAME").stripTrailing());
    for (JobSummary job : items) {
      out.println(Terminal.line(String.format(ROW, job.id(), job.state(), created(job.createdAt()), job.name())));
    }
    out.println("page " + (page.number() > 0 ? page.number() : asked) + " of " + pages + ", " + count(total, "job"));
  }

  /** To the second, in UTC: a fixed width, so the column lines up. */
  private static String created(Instant createdAt) {
    return createdAt == null ? "" : createdAt.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
