package dev.gantry.docker;

import java.util.regex.Pattern;

/** The labels and names that let Gantry find its containers and volumes again after a crash. */
final class Labels {

  static final String JOB = "gantry.job";
  static final String RUN = "gantry.run";
  static final String NODE = "gantry.node";
  /** On a sidecar container: the sidecar's name. */
  static final String SIDECAR = "gantry.sidecar";

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-zA-Z0-9_.-]");

  private Labels() {}

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
