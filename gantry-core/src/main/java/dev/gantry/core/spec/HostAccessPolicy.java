package dev.gantry.core.spec;

import java.util.List;
import java.util.Locale;

/**
 * What of the host the operator lets jobs reach, checked for every job whichever dialect it came
 * in. By default nothing: a task may not share the host's network ({@code network: host}: it could
 * call Gantry's API and every other loopback service, PostgreSQL among them) nor join another
 * container's namespaces ({@code container:<name>}: it would see that container's loopback).
 * {@code hostNetwork} allows both.
 */
public record HostAccessPolicy(boolean hostNetwork) {

  /** Jobs reach nothing of the host: the default. */
  public static final HostAccessPolicy NONE = new HostAccessPolicy(false);

  private static final String HOW_TO_ALLOW = " (the operator can allow it with --allow-host-network)";

  /** Returns {@code spec} when every task keeps to this policy; else throws, naming the first task that does not. */
  public JobSpec check(JobSpec spec) {
    List<TaskSpec> tasks = spec.tasks();
    for (int i = 0; i < tasks.size(); i++) {
      check(tasks.get(i), "tasks[" + i + "]");
    }
    return spec;
  }

  /** A task, its pre and post tasks and the tasks of a parallel, an each or a subjob: every container the job may start. */
  private void check(TaskSpec task, String at) {
    String refusal = refusal(task);
    if (refusal != null) {
      throw new InvalidJobException(at + ".network", refusal);
    }
    for (int i = 0; i < task.pre().size(); i++) {
      check(task.pre().get(i), at + ".pre[" + i + "]");
    }
    for (int i = 0; i < task.post().size(); i++) {
      check(task.post().get(i), at + ".post[" + i + "]");
    }
    if (task.parallel() != null) {
      for (int i = 0; i < task.parallel().tasks().size(); i++) {
        check(task.parallel().tasks().get(i), at + ".parallel.tasks[" + i + "]");
      }
    }
    if (task.each() != null) {
      check(task.each().task(), at + ".each.task");
    }
    if (task.subjob() != null) {
      for (int i = 0; i < task.subjob().tasks().size(); i++) {
        check(task.subjob().tasks().get(i), at + ".subjob.tasks[" + i + "]");
      }
    }
  }

  /** Why {@code task} may not run under this policy, or null when it may. */
  public String refusal(TaskSpec task) {
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
}
