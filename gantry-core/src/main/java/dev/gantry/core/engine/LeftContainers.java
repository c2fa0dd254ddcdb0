package dev.gantry.core.engine;

import dev.gantry.core.job.LogPosition;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.ReattachableContainer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The containers of one run that this node's previous process left on the runtime (running, or
 * ended and kept until the run's outcome is stored), and where a takeover goes on from: the latest
 * of them, in the order pre tasks, main task, post tasks. A run in a post task is followed from its
 * main container, whose result is the run's and whose output the replay begins with; a run in a
 * pre task or its main task from that container.
 */
record LeftContainers(String runId, List<ReattachableContainer> found) {

  /** The step key of the main container (a step of its own has the form {@code pre-0}, {@code post-1}). */
  static final String MAIN = "main";

  LeftContainers {
    found = found.stream().sorted(Comparator.comparingInt(LeftContainers::rank)).toList();
  }

  /** The container the run had reached. */
  ReattachableContainer latest() {
    return found.get(found.size() - 1);
  }

  /** Whether the run can be followed on from what was left for {@code task} (else it is handed back). */
  boolean resumable(TaskSpec task) {
    String step = latest().step();
    if (step == null) {
      return true;
    }
    int index = index(step);
    if (step.startsWith("pre-")) {
      return index >= 0 && index < task.pre().size();
    }
    // A post task's run needs its main container: the run's result is the main task's.
    return step.startsWith("post-") && index >= 0 && index < task.post().size() && main() != null;
  }

  /** The first pre task to run or follow: the one reached, or none (past them all) when the run was further on. */
  int firstPre(TaskSpec task) {
    String step = latest().step();
    return step != null && step.startsWith("pre-") ? index(step) : task.pre().size();
  }

  /** Per step (its key, {@link #MAIN} for the main one), the container to follow instead of running one. */
  Map<String, String> toFollow() {
    Map<String, String> follow = new LinkedHashMap<>();
    String step = latest().step();
    if (step != null && step.startsWith("post-")) {
      follow.put(MAIN, main().containerId());
      for (ReattachableContainer c : found) {
        if (c.step() != null && c.step().startsWith("post-")) {
          follow.put(c.step(), c.containerId());
        }
      }
    } else {
      follow.put(step == null ? MAIN : step, latest().containerId());
    }
    return follow;
  }

  /** The post task reached (0 when none was): those before it ran already and are not run again. */
  int postReached() {
    String step = latest().step();
    return step != null && step.startsWith("post-") ? index(step) : 0;
  }

  /** Where the output replayed from the first container followed begins in the run's log. */
  LogPosition logStart() {
    String step = latest().step();
    return step != null && step.startsWith("post-") ? main().logStart() : latest().logStart();
  }

  private ReattachableContainer main() {
    return found.stream().filter(c -> c.step() == null).findFirst().orElse(null);
  }

  /** Pre tasks in order, then the main task, then post tasks in order; anything unknown first. */
  private static int rank(ReattachableContainer c) {
    String step = c.step();
    if (step == null) {
      return 10_000;
    }
    int index = index(step);
    if (index < 0) {
      return -1;
    }
    return step.startsWith("pre-") ? index : step.startsWith("post-") ? 20_000 + index : -1;
  }

  private static int index(String step) {
    try {
      return Integer.parseInt(step.substring(step.indexOf('-') + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
