package dev.gantry.core.spec;

import java.util.Map;

/**
 * Values of a run that exist only once a worker holds it, for dialects that give them to the
 * container under names of their own (Daestro's {@code DAESTRO_JOB_RUN_ID}): a job's env value
 * that is exactly one of these placeholders gets the run's value when the container starts.
 */
public final class RunVariables {

  // U+0002 cannot come from YAML or JSON text without an escape; dialects take such values in from no one.
  public static final String RUN_ID = "\u0002run:id\u0002";
  public static final String NODE_ID = "\u0002run:node\u0002";
  public static final String QUEUE = "\u0002run:queue\u0002";

  private RunVariables() {}

  /** {@code env} with each placeholder value replaced by the run's. */
  public static void resolve(Map<String, String> env, String runId, String nodeId, String queue) {
    env.replaceAll((name, value) -> switch (value) {
      case RUN_ID -> runId;
      case NODE_ID -> nodeId;
      case QUEUE -> queue;
      default -> value;
    });
  }
}
