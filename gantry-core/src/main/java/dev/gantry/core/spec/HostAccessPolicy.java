package dev.gantry.core.spec;

import java.util.List;
import java.util.Locale;

/**
 * What of the host the operator lets jobs reach, checked for every job whichever dialect it came
 * in: at submit (every container of the job's tree), and again by the worker before a run starts. By default nothing: a task may not
 * share the host's network ({@code network: host}: it could call Gantry's API and every other
 * loopback service, PostgreSQL among them) nor join another container's namespaces
 * ({@code container:<name>}: it would see that container's loopback), and may not bind-mount a host
 * path (it could read or change anything there). {@code hostNetwork} allows both network modes;
 * {@code anyBindMount} allows every bind mount, {@code bindPaths} those of these paths and below;
 * {@code privileged} allows privileged containers (they can do nearly anything the host's root can).
 */
public record HostAccessPolicy(boolean hostNetwork, boolean anyBindMount, List<String> bindPaths, boolean privileged) {

  /** Jobs reach nothing of the host: the default. */
  public static final HostAccessPolicy NONE = new HostAccessPolicy(false);

  private static final String HOW_TO_ALLOW = " (the operator can allow it with --allow-host-network)";
  private static final String HOW_TO_ALLOW_PRIVILEGED = " (the operator can allow them with --allow-privileged)";
  private static final String HOW_TO_ALLOW_BIND =
      " (the operator can allow it with --allow-bind-mounts, or --allowed-bind-paths for paths under given ones)";

  /** Why a privileged container is refused where the operator did not allow them: names the flag. */
  public static final String PRIVILEGED_REFUSED = "privileged containers are not allowed on this server" + HOW_TO_ALLOW_PRIVILEGED;

  public HostAccessPolicy {
    bindPaths = bindPaths == null ? List.of() : bindPaths.stream().map(HostAccessPolicy::allowedPath).toList();
  }

  /** A policy that allows no privileged container. */
  public HostAccessPolicy(boolean hostNetwork, boolean anyBindMount, List<String> bindPaths) {
    this(hostNetwork, anyBindMount, bindPaths, false);
  }

  /** A policy about networks only: no bind mounts. */
  public HostAccessPolicy(boolean hostNetwork) {
    this(hostNetwork, false, List.of());
  }

  /** Returns {@code spec} when every task keeps to this policy; else throws, naming the first field that does not. */
  public JobSpec check(JobSpec spec) {
    List<TaskSpec> tasks = spec.tasks();
    for (int i = 0; i < tasks.size(); i++) {
      Refusal refusal = refusalInTree("tasks[" + i + "]", tasks.get(i));
      if (refusal != null) {
        throw new InvalidJobException(refusal.field(), refusal.reason());
      }
    }
    return spec;
  }

  /** Why a task may not run under this policy, and the field ({@code at} and the rest) it is about. */
  public record Refusal(String field, String reason) {
    @Override
    public String toString() {
      return field + ": " + reason;
    }
  }

  /**
   * Why {@code task} (at {@code at}), its pre and post tasks, or the tasks of its parallel, each or
   * subjob may not run under this policy (the first found): every container the task may start.
   * Null when all may.
   */
  public Refusal refusalInTree(String at, TaskSpec task) {
    Refusal refusal = refusal(at, task);
    for (int i = 0; refusal == null && i < task.pre().size(); i++) {
      refusal = refusal(at + ".pre[" + i + "]", task.pre().get(i));
    }
    for (int i = 0; refusal == null && i < task.post().size(); i++) {
      refusal = refusal(at + ".post[" + i + "]", task.post().get(i));
    }
    if (task.parallel() != null) {
      List<TaskSpec> children = task.parallel().tasks();
      for (int i = 0; refusal == null && i < children.size(); i++) {
        refusal = refusalInTree(at + ".parallel.tasks[" + i + "]", children.get(i));
      }
    }
    if (refusal == null && task.each() != null) {
      refusal = refusalInTree(at + ".each.task", task.each().task());
    }
    if (task.subjob() != null) {
      List<TaskSpec> children = task.subjob().tasks();
      for (int i = 0; refusal == null && i < children.size(); i++) {
        refusal = refusalInTree(at + ".subjob.tasks[" + i + "]", children.get(i));
      }
    }
    return refusal;
  }

  /** Why {@code task}'s own container (at {@code at}, e.g. {@code tasks[0]}) may not run under this policy, or null when it may. */
  public Refusal refusal(String at, TaskSpec task) {
    String network = networkRefusal(task);
    if (network != null) {
      return new Refusal(at + ".network", network);
    }
    if (task.attachments().privileged() && !privileged) {
      return new Refusal(at + ".privileged", PRIVILEGED_REFUSED);
    }
    List<TaskMount> mounts = task.attachments().mounts();
    for (int i = 0; i < mounts.size(); i++) {
      TaskMount mount = mounts.get(i);
      if (mount.type() == TaskMount.Type.BIND && !bindAllowed(mount.source())) {
        return new Refusal(at + ".mounts[" + i + "].source", "bind-mounting the host path '" + Echo.of(mount.source())
            + "' is not allowed on this server" + HOW_TO_ALLOW_BIND);
      }
    }
    return null;
  }

  private String networkRefusal(TaskSpec task) {
    String network = task.network() == null ? "" : task.network().toLowerCase(Locale.ROOT);
    if (hostNetwork) {
      return null;
    }
    if (network.equals("host")) {
      return "host networking is not allowed on this server" + HOW_TO_ALLOW;
    }
    if (network.startsWith("container:")) {
      return "joining another container's network ('" + task.network() + "') is not allowed on this server" + HOW_TO_ALLOW;
    }
    return null;
  }

  private boolean bindAllowed(String source) {
    if (anyBindMount) {
      return true;
    }
    if (source == null || !source.startsWith("/") || List.of(source.split("/")).contains("..")) {
      return false;
    }
    String path = AttachmentRules.trimmed(source);
    return bindPaths.stream().anyMatch(allowed -> allowed.equals("/") || path.equals(allowed) || path.startsWith(allowed + "/"));
  }

  /** @throws IllegalArgumentException for a path an operator could not have meant */
  private static String allowedPath(String path) {
    String p = path == null ? "" : path.trim();
    if (!p.startsWith("/") || List.of(p.split("/")).contains("..") || List.of(p.split("/")).contains(".")) {
      throw new IllegalArgumentException("allowed bind path '" + p + "' must be an absolute path without '.' or '..'");
    }
    return AttachmentRules.trimmed(p);
  }
}
