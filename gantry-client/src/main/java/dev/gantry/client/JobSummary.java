package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job as lists and submits answer it. {@code state} is the native API's: PENDING (held),
 * SCHEDULED, RUNNING, COMPLETED, FAILED or CANCELLED.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobSummary(String id, String name, String description, List<String> tags, String state, Instant createdAt,
    Instant startedAt, Instant completedAt, Instant failedAt, Instant cancelledAt, int position, int taskCount,
    double progress, String result, String error, String parentId, Map<String, String> inputs, String dialect) {

  /** Whether the job has ended: it will not change again unless restarted. */
  public boolean isEnded() {
    return JobStates.ENDED.contains(state);
  }

  /** Whether it ended well. */
  public boolean isCompleted() {
    return "COMPLETED".equals(state);
  }
}
