package dev.gantry.core.engine;

import dev.gantry.core.spec.HostAccessPolicy;
import java.time.Duration;
import java.util.Set;

/**
 * How a worker runs: its node id, the queues it serves, how many tasks at once, how long a claim
 * holds without renewal, how often it looks for work without a wake-up, and how long a shutdown
 * waits for running tasks before handing them back, and what of its machine tasks may reach
 * ({@code hostAccess}: a run beyond it fails without starting, whatever the server that accepted
 * the job allowed). {@code engineId}: the Docker engine its tasks run on, which pinned jobs follow
 * (null: none known, it takes only jobs that are not pinned; see
 * {@link dev.gantry.core.cluster.WorkspacePinning}). {@code keepsNodeId}: the next process of this
 * worker starts under the same node id (kept in its data dir, or given), so a stop past its grace
 * period leaves running tasks for it to take over instead of handing them back.
 */
public record WorkerSettings(String nodeId, Set<String> queues, int slots, Duration lease, Duration pollEvery,
    Duration shutdownGrace, HostAccessPolicy hostAccess, String engineId, boolean keepsNodeId) {

  /** A worker whose node id is its process's only: a stop hands back what it could not finish. */
  public WorkerSettings(String nodeId, Set<String> queues, int slots, Duration lease, Duration pollEvery,
      Duration shutdownGrace, HostAccessPolicy hostAccess, String engineId) {
    this(nodeId, queues, slots, lease, pollEvery, shutdownGrace, hostAccess, engineId, false);
  }

  public WorkerSettings {
    queues = Set.copyOf(queues);
    if (slots < 1) {
      throw new IllegalArgumentException("worker slots must be at least 1, got " + slots);
    }
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("a worker serves at least one queue");
    }
    hostAccess = hostAccess == null ? HostAccessPolicy.NONE : hostAccess;
  }

  /** A worker of no known engine. */
  public WorkerSettings(String nodeId, Set<String> queues, int slots, Duration lease, Duration pollEvery,
      Duration shutdownGrace, HostAccessPolicy hostAccess) {
    this(nodeId, queues, slots, lease, pollEvery, shutdownGrace, hostAccess, null);
  }

  /** A worker whose tasks reach nothing of its machine ({@link HostAccessPolicy#NONE}). */
  public WorkerSettings(String nodeId, Set<String> queues, int slots, Duration lease, Duration pollEvery, Duration shutdownGrace) {
    this(nodeId, queues, slots, lease, pollEvery, shutdownGrace, HostAccessPolicy.NONE);
  }

  /** Leases are renewed three times per lease period, so one missed renewal is harmless. */
  public Duration renewEvery() {
    return lease.dividedBy(3);
  }
}
