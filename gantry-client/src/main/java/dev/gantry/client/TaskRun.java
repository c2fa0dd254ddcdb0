package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * One attempt of one task of a job. {@code path} places it in the job's tree ({@code 1},
 * {@code 1.0.2} for a child of a parallel, each or subjob task), {@code position} is its top-level task.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskRun(String id, String jobId, int position, String name, String state, Instant createdAt,
    Instant startedAt, Instant completedAt, Instant failedAt, String image, String queue, String nodeId, String error,
    String result, Integer exitCode, int attempt, String path) {

  /** Whether the run has ended. */
  public boolean isEnded() {
    return JobStates.ENDED.contains(state);
  }

  /** When it ended (completed or failed), or null while it runs. */
  public Instant endedAt() {
    return completedAt != null ? completedAt : failedAt;
  }
}
