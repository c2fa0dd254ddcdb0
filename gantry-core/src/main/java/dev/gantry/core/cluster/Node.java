package dev.gantry.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Gantry process as the cluster sees it. {@code aliveUntil} is when it counts as gone if no
 * heartbeat comes before: each node sets its own, so processes with different heartbeat periods
 * are judged fairly. {@code queues} are the queues it takes work from (none for a server), sorted.
 * {@code engineId}: the Docker engine a worker runs its tasks on (see {@link WorkspacePinning});
 * null for a process that runs none.
 */
public record Node(
    String id,
    NodeRole role,
    String hostname,
    String version,
    List<String> queues,
    NodeStatus status,
    Instant startedAt,
    Instant lastHeartbeatAt,
    Instant aliveUntil,
    double cpuPercent,
    int taskCount,
    String engineId) {

  /** A node counts as gone after this many heartbeats did not come. */
  public static final int MISSED_HEARTBEATS = 3;

  public Node {
    queues = List.copyOf(new TreeSet<>(queues));
  }

  /** A node that runs no tasks on an engine. */
  public Node(String id, NodeRole role, String hostname, String version, List<String> queues, NodeStatus status,
      Instant startedAt, Instant lastHeartbeatAt, Instant aliveUntil, double cpuPercent, int taskCount) {
    this(id, role, hostname, version, queues, status, startedAt, lastHeartbeatAt, aliveUntil, cpuPercent, taskCount, null);
  }

  /** A node starting now, which heartbeats every {@code heartbeat}. */
  public static Node starting(String id, NodeRole role, String hostname, String version, Set<String> queues,
      Instant now, Duration heartbeat) {
    return new Node(id, role, hostname, version, List.copyOf(queues), NodeStatus.UP, now, now,
        now.plus(heartbeat.multipliedBy(MISSED_HEARTBEATS)), 0, 0, null);
  }

  /** This node, running its tasks on the Docker engine {@code engine} (null: none). */
  public Node onEngine(String engine) {
    return new Node(id, role, hostname, version, queues, status, startedAt, lastHeartbeatAt, aliveUntil, cpuPercent,
        taskCount, engine);
  }

  /** This node, alive at {@code now}, with its current load. */
  public Node heartbeat(Instant now, Duration heartbeat, double cpu, int tasks) {
    return new Node(id, role, hostname, version, queues, NodeStatus.UP, startedAt, now,
        now.plus(heartbeat.multipliedBy(MISSED_HEARTBEATS)), cpu, tasks, engineId);
  }

  /** This node, deregistered at {@code now}. */
  public Node offline(Instant now) {
    return new Node(id, role, hostname, version, queues, NodeStatus.OFFLINE, startedAt, now, now, 0, 0, engineId);
  }

  public boolean serves(String queue) {
    return status == NodeStatus.UP && queues.contains(queue);
  }
}
