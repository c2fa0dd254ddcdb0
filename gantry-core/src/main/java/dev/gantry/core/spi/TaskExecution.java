package dev.gantry.core.spi;

import dev.gantry.core.job.LogPosition;
import dev.gantry.core.spec.TaskSpec;
import java.util.Map;

/**
 * What a runtime needs to run one task run: the task, the final environment (job env, task env
 * and reserved variables already merged) and the ids used to label what it creates. {@code step}
 * names one of a run's pre or post containers ({@code pre-0}, {@code post-1}); null for its main one.
 * {@code logStart}: how much of the run's log was stored before this container (null when not known),
 * which the runtime keeps with the container so that a worker taking it over resumes its log there.
 */
public record TaskExecution(String jobId, String runId, String nodeId, TaskSpec task, Map<String, String> env,
    String step, LogPosition logStart) {

  public TaskExecution {
    env = Map.copyOf(env);
  }

  /** A container whose log start is not known. */
  public TaskExecution(String jobId, String runId, String nodeId, TaskSpec task, Map<String, String> env, String step) {
    this(jobId, runId, nodeId, task, env, step, null);
  }

  /** The run's main container. */
  public TaskExecution(String jobId, String runId, String nodeId, TaskSpec task, Map<String, String> env) {
    this(jobId, runId, nodeId, task, env, null, null);
  }

  /** This container, starting at {@code position} of the run's log. */
  public TaskExecution withLogStart(LogPosition position) {
    return new TaskExecution(jobId, runId, nodeId, task, env, step, position);
  }

  /** What names this container among the run's: the run's id, with its step for a pre or post one. */
  public String containerKey() {
    return step == null ? runId : runId + "-" + step;
  }
}
