package dev.gantry.docker;

import java.util.regex.Pattern;

/** The labels and names that let Gantry find its containers and volumes again after a crash. */
final class Labels {

  static final String JOB = "gantry.job";
  static final String RUN = "gantry.run";
  static final String NODE = "gantry.node";

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-zA-Z0-9_.-]");

  private Labels() {}

  static String containerName(String runId) {
    return "gantry-" + safe(runId);
  }

  static String workspaceName(String jobId) {
    return "gantry-ws-" + safe(jobId);
  }

  /** Docker names allow only [a-zA-Z0-9_.-]; Gantry's ids are hex, others are made to fit. */
  private static String safe(String id) {
    return NOT_ALLOWED.matcher(id).replaceAll("_");
  }
}
