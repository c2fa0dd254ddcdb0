package dev.gantry.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per run, the removal of what its closed scopes kept (its ended containers, its network, sidecars
 * and volumes), held until the run's outcome is stored: a container removed before that, by a
 * process then killed, would leave nothing for the next process to collect the outcome from, and
 * the task would run again.
 */
final class KeptRuns {

  private final Map<String, List<Runnable>> kept = new ConcurrentHashMap<>();

  /** Holds {@code removal} until {@link #release} of {@code runId}. */
  void keep(String runId, Runnable removal) {
    kept.compute(runId, (id, removals) -> {
      List<Runnable> held = removals == null ? new ArrayList<>() : removals;
      held.add(removal); // inside compute: atomic with a release of the same run
      return held;
    });
  }

  /** The run's outcome is stored ({@code remove}): its removals run now; else they are dropped, for the leftover sweeper. */
  void release(String runId, boolean remove) {
    List<Runnable> removals = kept.remove(runId);
    if (removals != null && remove) {
      removals.forEach(Runnable::run);
    }
  }

  /** How many runs still wait for their outcome to be stored (for tests). */
  int size() {
    return kept.size();
  }
}
