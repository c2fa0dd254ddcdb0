package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A job with its task runs ({@code execution}: every attempt of every task, in tree order): {@code GET /jobs/{id}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Job(String id, String name, String description, List<String> tags, String state, Instant createdAt,
    Instant startedAt, Instant completedAt, Instant failedAt, Instant cancelledAt, int position, int taskCount,
    double progress, String result, String error, String parentId, Map<String, String> inputs, String dialect,
    List<TaskRun> execution) {

  public Job {
    execution = execution == null ? List.of() : List.copyOf(execution);
  }

  /** Whether the job has ended: it will not change again unless restarted. */
  public boolean isEnded() {
    return JobStates.ENDED.contains(state);
  }
}
