package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints a job's log parts that have not been printed yet, oldest first. */
final class LogFollower {

  private static final int PAGE_SIZE = 100;

  private final GantryClient client;
  private final String jobId;
  private final PrintStream out;
  private long lastPrinted = -1;

  LogFollower(GantryClient client, String jobId, PrintStream out) {
    this.client = client;
    this.jobId = jobId;
    this.out = out;
  }

  /** Fetches newest-first pages until it reaches what it printed before, then prints the rest in order. */
  void printNew() {
    List<JsonNode> unseen = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode items = client.log(jobId, page, PAGE_SIZE).path("items");
      boolean reachedSeen = false;
      for (JsonNode part : items) {
        if (Long.parseLong(part.path("id").asText("0")) <= lastPrinted) {
          reachedSeen = true;
          break;
        }
        unseen.add(part);
      }
      if (reachedSeen || items.size() < PAGE_SIZE) {
        break;
      }
    }
    for (int i = unseen.size() - 1; i >= 0; i--) {
      JsonNode part = unseen.get(i);
      out.print(part.path("contents").asText());
      lastPrinted = Math.max(lastPrinted, Long.parseLong(part.path("id").asText("0")));
    }
    out.flush();
  }
}
