package dev.gantry.core.cluster;

import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import java.util.List;

/**
 * Which jobs keep to the Docker engine that holds their workspace. A job's {@code /shared} is a
 * volume on the engine that ran its first task, so a job that may run more than one container task
 * of its own is pinned to that engine once its first run is claimed: every Hades job, every Tork
 * job of two tasks or more (a script may use {@code /shared} through relative paths, its working
 * directory, or a Tork {@code files} entry, so there is no telling that it never does), a
 * parallel's and an each's children. A job of one plain task (a builds.sr.ht session job is one)
 * shares nothing and runs anywhere. A sub-job is a job of its own with a workspace of its own
 * (named after its id), so it is judged by its own tasks and pinned on its own; its parent's
 * subjob task runs no container of the parent.
 */
public final class WorkspacePinning {

  private WorkspacePinning() {}

  /** Whether the job's runs follow its workspace once the first is claimed. */
  public static boolean pins(JobSpec spec) {
    return leaves(spec.tasks(), 2) >= 2;
  }

  /** What the runs of a job whose engine is gone end with. */
  public static String engineLost(String engineId) {
    return "engine " + engineId + " lost: restarted from the first task on a new workspace";
  }

  /** The container tasks of {@code tasks} (not of sub-jobs), counted up to {@code enough}. */
  private static int leaves(List<TaskSpec> tasks, int enough) {
    int count = 0;
    for (TaskSpec task : tasks) {
      if (count >= enough) {
        return count;
      }
      if (task.parallel() != null) {
        count += leaves(task.parallel().tasks(), enough - count);
      } else if (task.each() != null) {
        count += enough; // as many children as its list has: more than one, as far as can be told
      } else if (task.subjob() == null) {
        count++;
      }
    }
    return count;
  }
}
