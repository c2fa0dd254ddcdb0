package dev.gantry.server.sourcehut;

import java.util.List;
import java.util.Map;

/**
 * A build manifest as read ({@link ManifestReader}): what the runner sets up and runs. Environment
 * values are text or, for a list, {@link #lists}; both keep the manifest's order.
 */
record Manifest(
    String image,
    List<String> packages,
    Map<String, String> repositories,
    List<String> sources,
    Map<String, String> environment,
    Map<String, List<String>> lists,
    List<String> secrets,
    List<Task> tasks,
    List<String> artifacts,
    List<Trigger> triggers,
    boolean shell) {

  /** One task: its name and script. */
  record Task(String name, String script) {}

  /**
   * A trigger: {@code email} (to, cc: address lists as written; inReplyTo: a message id) or
   * {@code webhook} (url), when {@code condition} holds.
   */
  record Trigger(String action, String condition, String to, String cc, String url, String inReplyTo) {}
}
