package dev.gantry.store;

import dev.gantry.core.cluster.ClaimOrder;
import dev.gantry.core.cluster.QueueSettings;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.OutboxRules;
import java.time.Instant;
import java.util.ArrayList;
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
 * while its RUNNING runs are counted, so claimers of it count one after the other; only when a
 * claim of it can succeed, though ({@link #mayTakeFromLimited}).
 *
 * <p>A node on an engine reads, per queue, the runs of no engine and those pinned to its own: two
 * range scans of the claim index, however many runs wait pinned to other engines. The first run
 * it takes of a job that pins (and is not pinned yet) pins the job to its engine; a run of such a
 * job that was queued before another engine pinned it (a parallel's sibling) is moved to that
 * engine's range as this claimer comes across it, and left.
 *
 * <p>A run whose job has task.StateChange webhooks (marked so when it was inserted) has their
 * RUNNING calls written in the claim's transaction; any other claim reads no job and writes no call.
 */
final class TaskRunClaim {

  private static final Comparator<RunRows.Versioned> NEXT_FIRST =
      Comparator.comparing((RunRows.Versioned c) -> -c.run().priority())
          .thenComparing(c -> c.run().createdAt())
          .thenComparing(c -> c.run().id());

  private final RunRows runs;
  private final QueueRows queueRows;
  private final EnginePins pins;
  private final JobRows jobs;
  private final DeliveryRows deliveries;

  TaskRunClaim(RunRows runs, QueueRows queueRows, EnginePins pins, JobRows jobs, DeliveryRows deliveries) {
    this.runs = runs;
    this.queueRows = queueRows;
    this.pins = pins;
    this.jobs = jobs;
    this.deliveries = deliveries;
  }

  Optional<TaskRun> next(SqlSession sql, Set<String> queues, String nodeId, String engineId, Instant now,
      Instant leaseUntil) {
    if (queues.isEmpty()) {
      return Optional.empty();
    }
    List<QueueSettings> configured = queueRows.of(sql, queues);
    if (configured.isEmpty()) {
      // The common case: all the queues have the defaults, one group, nothing to lock.
      return fromAny(sql, queues, nodeId, engineId, now, leaseUntil);
    }
    for (List<QueueSettings> group : ClaimOrder.of(queues, configured)) {
      Set<String> open = new LinkedHashSet<>();
      for (QueueSettings queue : group) {
        if (queue.limited() && !mayTakeFromLimited(sql, queue)) {
          continue;
        }
        open.add(queue.name());
      }
      Optional<TaskRun> claimed = fromAny(sql, open, nodeId, engineId, now, leaseUntil);
      if (claimed.isPresent()) {
        return claimed;
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a run of the limited {@code queue} may be taken in this transaction. Its row is locked
   * (and its RUNNING runs counted again under the lock) only when a claim can succeed: it has a
   * QUEUED run and, as last committed, a free slot. A queue that is empty or full is passed over
   * without a lock (a slot freed meanwhile is taken at the next poll), so idle and saturated workers
   * do not queue up behind one row; the limit holds because every claim that takes one counts under the lock.
   */
  private boolean mayTakeFromLimited(SqlSession sql, QueueSettings queue) {
    if (!runs.hasQueued(sql, queue.name()) || runs.runningIn(sql, queue.name()) >= queue.maxConcurrency()) {
      return false;
    }
    queueRows.lock(sql, queue.name());
    return runs.runningIn(sql, queue.name()) < queue.maxConcurrency();
  }

  /** The next run of any of {@code queues} this node's engine may take: the highest priority, then the oldest. */
  private Optional<TaskRun> fromAny(SqlSession sql, Set<String> queues, String nodeId, String engineId, Instant now,
      Instant leaseUntil) {
    if (queues.isEmpty()) {
      return Optional.empty();
    }
    while (true) {
      List<RunRows.Versioned> candidates = queues.stream()
          .flatMap(queue -> candidatesOf(sql, queue, engineId).stream())
          .sorted(NEXT_FIRST)
          .toList();
      if (candidates.isEmpty()) {
        return Optional.empty();
      }
      for (RunRows.Versioned candidate : candidates) {
        String pinTo = pinFor(sql, candidate, engineId, now);
        if (pinTo != null && !pinTo.equals(engineId)) {
          runs.carryPin(sql, candidate.run().id(), pinTo); // another engine's now: out of this range
          continue;
        }
        TaskRun claimed = candidate.run().claimed(nodeId, Timestamps.stored(now), Timestamps.stored(leaseUntil));
        if (runs.updateIfVersion(sql, claimed, candidate.version())) {
          if (pinTo != null) {
            runs.carryPin(sql, claimed.id(), pinTo);
          }
          if (candidate.taskWebhooks()) {
            announce(sql, candidate.run(), claimed, now);
          }
          return Optional.of(claimed);
        }
      }
      // Every candidate went to another claimer meanwhile; the queue is shorter now, look again.
    }
  }

  private List<RunRows.Versioned> candidatesOf(SqlSession sql, String queue, String engineId) {
    List<RunRows.Versioned> any = runs.claimCandidates(sql, queue, RunRows.ANY_ENGINE);
    if (engineId == null) {
      return any;
    }
    List<RunRows.Versioned> own = runs.claimCandidates(sql, queue, engineId);
    if (own.isEmpty()) {
      return any;
    }
    List<RunRows.Versioned> both = new ArrayList<>(any);
    both.addAll(own);
    return both;
  }

  /**
   * The engine a candidate of no engine yet is pinned to once this claimer looked: its job's pin,
   * made now for {@code engineId} when it has none. Null for a run that stays any engine's (already
   * pinned to this one, its job pins not, or this node has no known engine).
   */
  private String pinFor(SqlSession sql, RunRows.Versioned candidate, String engineId, Instant now) {
    if (engineId == null || !candidate.pinsEngine() || !RunRows.ANY_ENGINE.equals(candidate.engineId())) {
      return null;
    }
    return pins.pin(sql, candidate.run().jobId(), engineId, Timestamps.stored(now));
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
