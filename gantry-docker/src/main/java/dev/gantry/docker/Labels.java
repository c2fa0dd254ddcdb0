package dev.gantry.docker;

import dev.gantry.core.job.LogPosition;
import dev.gantry.core.spi.TaskExecution;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The labels and names that let Gantry find its containers and volumes again after a crash. */
final class Labels {

  static final String JOB = "gantry.job";
  static final String RUN = "gantry.run";
  static final String NODE = "gantry.node";
  /** On a sidecar container: the sidecar's name. */
  static final String SIDECAR = "gantry.sidecar";
  /** On a pre or post task's container: which one ({@code pre-0}); none on the run's main container. */
  static final String STEP = "gantry.step";
  /** Where the container's output begins in the run's stored log: {@code <stdout chars>,<stderr chars>}. */
  static final String LOG_START = "gantry.log-start";

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-zA-Z0-9_.-]");

  private Labels() {}

  /** The labels of a task's container: its job, run and node, its step and where its log starts. */
  static Map<String, String> ofContainer(TaskExecution execution) {
    Map<String, String> labels = new HashMap<>(Map.of(JOB, execution.jobId(), RUN, execution.runId(), NODE, execution.nodeId()));
    if (execution.step() != null) {
      labels.put(STEP, execution.step());
    }
    if (execution.logStart() != null) {
      labels.put(LOG_START, execution.logStart().stdoutChars() + "," + execution.logStart().stderrChars());
    }
    return labels;
  }

  /** The {@link #LOG_START} label read back; null when absent or not one. */
  static LogPosition logStart(String label) {
    if (label == null) {
      return null;
    }
    String[] parts = label.split(",", -1);
    try {
      return parts.length == 2 ? new LogPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1])) : null;
    } catch (IllegalArgumentException notOne) {
      return null;
    }
  }

  static String containerName(String runId) {
    return "gantry-" + safe(runId);
  }

  static String workspaceName(String jobId) {
    return "gantry-ws-" + safe(jobId);
  }

  /** The temporary volume of a run's {@code index}-th mount (its pre/post tasks share it). */
  static String mountVolumeName(String runId, int index) {
    return "gantry-vol-" + safe(runId) + "-" + index;
  }

  /** The network a run shares with its sidecars. */
  static String runNetworkName(String runId) {
    return "gantry-net-" + safe(runId);
  }

  static String sidecarName(String runId, String sidecar) {
    return "gantry-" + safe(runId) + "-sc-" + safe(sidecar);
  }

  /** Docker names allow only [a-zA-Z0-9_.-]; Gantry's ids are hex, others are made to fit. */
  private static String safe(String id) {
    return NOT_ALLOWED.matcher(id).replaceAll("_");
  }
}
