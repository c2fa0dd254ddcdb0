package dev.gantry.core.cluster;

import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.job.TaskRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

  /** How many times a job is restarted because its engine was lost; the next loss fails it. */
  public static final int MAX_ENGINE_RESTARTS = 3;

  private static final String LOST_PREFIX = "engine ";
  private static final String RESTARTED = " lost: restarted from the first task on a new workspace";

  /** What the runs of a job whose engine is gone end with. */
  public static String engineLost(String engineId) {
    return LOST_PREFIX + engineId + RESTARTED;
  }

  /** What the runs of a job end with when its engine is lost once more than {@link #MAX_ENGINE_RESTARTS} allows. */
  public static String engineLostAgain(List<String> lostEngines) {
    return "the engine of the job's workspace was lost " + lostEngines.size() + " times (engines "
        + String.join(", ", lostEngines) + "): not restarted again after " + MAX_ENGINE_RESTARTS + " restarts";
  }

  /**
   * The engines lost by the job's earlier restarts, in order, read from its runs (each restart ended
   * its runs with {@link #engineLost}, at one instant): what {@link #MAX_ENGINE_RESTARTS} counts.
   */
  public static List<String> lostEngines(List<TaskRun> runs) {
    Map<Instant, String> restarts = new TreeMap<>();
    for (TaskRun run : runs) {
      String error = run.error();
      if (run.completedAt() != null && error != null && error.startsWith(LOST_PREFIX) && error.endsWith(RESTARTED)
          && error.length() > LOST_PREFIX.length() + RESTARTED.length()) {
        restarts.put(run.completedAt(), error.substring(LOST_PREFIX.length(), error.length() - RESTARTED.length()));
      }
    }
    return new ArrayList<>(restarts.values());
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
