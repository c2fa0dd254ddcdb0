package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A job's output as it stands now, read from the newest-first pages of {@code GET /jobs/{id}/log}. */
final class LogPages {

  private static final int PAGE_SIZE = 100;

  private LogPages() {}

  /** Hands every stored part to {@code onPart}, oldest first; returns the job. */
  static JsonNode each(GantryClient client, String jobId, Consumer<JsonNode> onPart) {
    JsonNode job = client.job(jobId);
    // A part stored while paging shifts the later pages by one: keyed by id, each part is kept once.
    TreeMap<Long, JsonNode> parts = new TreeMap<>();
    for (int page = 1; ; page++) {
      JsonNode items = client.log(jobId, page, PAGE_SIZE).path("items");
      items.forEach(part -> parts.put(part.path("id").asLong(), part));
      if (items.size() < PAGE_SIZE) {
        break;
      }
    }
    parts.values().forEach(onPart);
    return job;
  }
}
