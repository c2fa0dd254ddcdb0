package dev.gantry.store;

import dev.gantry.core.cluster.ClaimOrder;
import dev.gantry.core.cluster.QueueSettings;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.OutboxRules;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes the next QUEUED run of some queues for one node, honouring the queues' settings in the
 * same transaction. Correct on any database: a candidate is written only if its row still has the
 * version it was read with, so of two claimers that read the same run, exactly one changes it and
 * the other moves on to the next candidate. A queue with a concurrency limit has its row locked
 * while its RUNNING runs are counted, so claimers of it count one after the other. A run whose job
 * has task.StateChange webhooks (marked so when it was inserted) has their RUNNING calls written in
 * the claim's transaction; any other claim reads no job and writes no call.
 */
final class TaskRunClaim {

  private static final Comparator<RunRows.Versioned> NEXT_FIRST =
      Comparator.comparing((RunRows.Versioned c) -> -c.run().priority())
          .thenComparing(c -> c.run().createdAt())
          .thenComparing(c -> c.run().id());

  private final RunRows runs;
  private final QueueRows queueRows;
  private final JobRows jobs;
  private final DeliveryRows deliveries;

  TaskRunClaim(RunRows runs, QueueRows queueRows, JobRows jobs, DeliveryRows deliveries) {
    this.runs = runs;
    this.queueRows = queueRows;
    this.jobs = jobs;
    this.deliveries = deliveries;
  }

  Optional<TaskRun> next(SqlSession sql, Set<String> queues, String nodeId, Instant now, Instant leaseUntil) {
    if (queues.isEmpty()) {
      return Optional.empty();
    }
    List<QueueSettings> configured = queueRows.of(sql, queues);
    if (configured.isEmpty()) {
      // The common case: all the queues have the defaults, one group, nothing to lock.
      return fromAny(sql, queues, nodeId, now, leaseUntil);
    }
    for (List<QueueSettings> group : ClaimOrder.of(queues, configured)) {
      Set<String> open = new LinkedHashSet<>();
      for (QueueSettings queue : group) {
        if (queue.limited()) {
          queueRows.lock(sql, queue.name());
          if (runs.runningIn(sql, queue.name()) >= queue.maxConcurrency()) {
            continue;
          }
        }
        open.add(queue.name());
      }
      Optional<TaskRun> claimed = fromAny(sql, open, nodeId, now, leaseUntil);
      if (claimed.isPresent()) {
        return claimed;
      }
    }
    return Optional.empty();
  }

  /** The next run of any of {@code queues}: the highest priority, then the oldest. */
  private Optional<TaskRun> fromAny(SqlSession sql, Set<String> queues, String nodeId, Instant now, Instant leaseUntil) {
    if (queues.isEmpty()) {
      return Optional.empty();
    }
    while (true) {
      List<RunRows.Versioned> candidates = queues.stream()
          .flatMap(queue -> runs.claimCandidates(sql, queue).stream())
          .sorted(NEXT_FIRST)
          .toList();
      if (candidates.isEmpty()) {
        return Optional.empty();
      }
      for (RunRows.Versioned candidate : candidates) {
        TaskRun claimed = candidate.run().claimed(nodeId, Timestamps.stored(now), Timestamps.stored(leaseUntil));
        if (runs.updateIfVersion(sql, claimed, candidate.version())) {
          if (candidate.taskWebhooks()) {
            announce(sql, candidate.run(), claimed, now);
          }
          return Optional.of(claimed);
        }
      }
      // Every candidate went to another claimer meanwhile; the queue is shorter now, look again.
    }
  }

  /** Writes the calls the run's start causes: its job's task.StateChange webhooks, for RUNNING. */
  private void announce(SqlSession sql, TaskRun queued, TaskRun claimed, Instant now) {
    jobs.find(sql, claimed.jobId()).ifPresent(job -> {
      List<Delivery> calls = OutboxRules.runChanged(job, queued, claimed, now);
      if (!calls.isEmpty()) {
        deliveries.insert(sql, calls);
      }
    });
  }
}
