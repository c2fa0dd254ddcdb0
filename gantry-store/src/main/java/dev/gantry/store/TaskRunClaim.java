package dev.gantry.store;

import dev.gantry.core.job.TaskRun;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes the oldest QUEUED run of some queues for one node. Correct on any database: a candidate
 * is written only if its row still has the version it was read with, so of two claimers that
 * read the same run, exactly one changes it and the other moves on to the next candidate.
 */
final class TaskRunClaim {

  private static final Comparator<RunRows.Versioned> OLDEST_FIRST =
      Comparator.comparing((RunRows.Versioned c) -> c.run().createdAt()).thenComparing(c -> c.run().id());

  private final RunRows runs;

  TaskRunClaim(RunRows runs) {
    this.runs = runs;
  }

  Optional<TaskRun> next(SqlSession sql, Set<String> queues, String nodeId, Instant now, Instant leaseUntil) {
    if (queues.isEmpty()) {
      return Optional.empty();
    }
    while (true) {
      List<RunRows.Versioned> candidates = queues.stream()
          .flatMap(queue -> runs.claimCandidates(sql, queue).stream())
          .sorted(OLDEST_FIRST)
          .toList();
      if (candidates.isEmpty()) {
        return Optional.empty();
      }
      for (RunRows.Versioned candidate : candidates) {
        TaskRun claimed = candidate.run().claimed(nodeId, Timestamps.stored(now), Timestamps.stored(leaseUntil));
        if (runs.updateIfVersion(sql, claimed, candidate.version())) {
          return Optional.of(claimed);
        }
      }
      // Every candidate went to another claimer meanwhile; the queue is shorter now, look again.
    }
  }
}
