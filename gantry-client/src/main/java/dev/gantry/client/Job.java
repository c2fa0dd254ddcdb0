package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job with its task runs ({@code execution}: every attempt of every task, in tree order) and the
 * outline of its tasks as submitted ({@code tasks}): {@code GET /jobs/{id}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Job(String id, String name, String description, List<String> tags, String state, Instant createdAt,
    Instant startedAt, Instant completedAt, Instant failedAt, Instant cancelledAt, int position, int taskCount,
    double progress, String result, String error, String parentId, Map<String, String> inputs, String dialect,
    List<TaskRun> execution, List<TaskOutline> tasks) {

  public Job {
    execution = execution == null ? List.of() : List.copyOf(execution);
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  /** The outline of the task at {@code path} ({@code 1.0}: the first child of the second task); null if none. */
  public TaskOutline outlineAt(String path) {
    TaskOutline at = null;
    String[] indexes = path.split("\\.");
    for (int i = 0; i < indexes.length; i++) {
      int index;
      try {
        index = Integer.parseInt(indexes[i]);
      } catch (NumberFormatException e) {
        return null;
      }
      at = i == 0 ? (index >= 0 && index < tasks.size() ? tasks.get(index) : null) : at.child(index);
      if (at == null) {
        return null;
      }
    }
    return at;
  }

  /** Whether the job has ended: it will not change again unless restarted. */
  public boolean isEnded() {
    return JobStates.ENDED.contains(state);
  }
}
