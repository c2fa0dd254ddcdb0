package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** {@code gantry jobs}: one page of jobs as a table, and where the page is. */
final class JobTable {

  private static final String ROW = "%-32s  %-9s  %-20s  %s";

  private JobTable() {}

  static void print(JsonNode page, int asked, PrintStream out) {
    long total = page.path("totalItems").asLong();
    int pages = page.path("totalPages").asInt();
    JsonNode items = page.path("items");
    if (total == 0) {
      out.println("no jobs");
      return;
    }
    if (items.isEmpty()) {
      out.println("page " + asked + " is past the end: " + count(total, "job") + " on " + count(pages, "page"));
      return;
    }
    out.println(String.format(ROW, "ID", "STATE", "CREATED", "NAME").stripTrailing());
    for (JsonNode job : items) {
      out.println(Terminal.line(String.format(ROW, job.path("id").asText(), job.path("state").asText(),
          created(job.path("createdAt").asText()), job.path("name").asText())));
    }
    out.println("page " + page.path("number").asInt(asked) + " of " + pages + ", " + count(total, "job"));
  }

  /** To the second, in UTC: a fixed width, so the column lines up. */
  private static String created(String createdAt) {
    try {
      return Instant.parse(createdAt).truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (DateTimeParseException e) {
      return createdAt;
    }
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
