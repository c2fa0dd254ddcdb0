package dev.gantry.core.spi;

import dev.gantry.core.spec.TaskSpec;
import java.util.Map;

/**
 * What a runtime needs to run one task run: the task, the final environment (job env, task env
 * and reserved variables already merged) and the ids used to label what it creates.
 */
public record TaskExecution(String jobId, String runId, String nodeId, TaskSpec task, Map<String, String> env) {

  public TaskExecution {
    env = Map.copyOf(env);
  }
}
