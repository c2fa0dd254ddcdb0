package dev.gantry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A log follower over {@code GET /jobs/{id}/log} (pages, newest first): each poll returns the
 * parts stored since the previous one, oldest first. This is what `gantry logs -f` does while
 * Gantry has no live stream endpoint.
 */
final class LogPoller {

  private static final int PAGE_SIZE = 100;

  private final GantryApi api;
  private final String jobId;
  private long lastSeen = -1;

  LogPoller(GantryApi api, String jobId) {
    this.api = api;
    this.jobId = jobId;
  }

  /** The contents of the parts that are new since the last call, oldest first. */
  List<String> poll() throws IOException, InterruptedException {
    List<JsonNode> unseen = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode items = api.get("/jobs/" + jobId + "/log?size=" + PAGE_SIZE + "&page=" + page).path("items");
      boolean reachedSeen = false;
      for (JsonNode part : items) {
        if (part.path("id").asLong() <= lastSeen) {
          reachedSeen = true;
          break;
        }
        unseen.add(part);
      }
      if (reachedSeen || items.size() < PAGE_SIZE) {
        break;
      }
    }
    List<String> contents = new ArrayList<>(unseen.size());
    for (int i = unseen.size() - 1; i >= 0; i--) {
      contents.add(unseen.get(i).path("contents").asText());
      lastSeen = Math.max(lastSeen, unseen.get(i).path("id").asLong());
    }
    return contents;
  }
}
