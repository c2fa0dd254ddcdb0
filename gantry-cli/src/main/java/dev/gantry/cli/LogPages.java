package dev.gantry.cli;

import dev.gantry.client.GantryClient;
import dev.gantry.client.Job;
import dev.gantry.client.LogPart;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A job's output as it stands now, read from the newest-first pages of {@code GET /jobs/{id}/log}. */
final class LogPages {

  private static final int PAGE_SIZE = 100;

  private LogPages() {}

  /** Hands every stored part to {@code onPart}, oldest first; returns the job. */
  static Job each(GantryClient client, String jobId, Consumer<LogPart> onPart) {
    Job job = client.job(jobId);
    // A part stored while paging shifts the later pages by one: keyed by id, each part is kept once.
    TreeMap<Long, LogPart> parts = new TreeMap<>();
    for (int page = 1; ; page++) {
      var items = client.log(jobId, page, PAGE_SIZE).items();
      items.forEach(part -> parts.put(part.id(), part));
      if (items.size() < PAGE_SIZE) {
        break;
      }
    }
    parts.values().forEach(onPart);
    return job;
  }

  /** The id of the newest part of the job's output stored now; 0 when there is none. */
  static long newestPartId(GantryClient client, String jobId) {
    var items = client.log(jobId, 1, 1).items();
    return items.isEmpty() ? 0 : items.get(0).id();
  }
}
