package dev.gantry.server.tork;

import dev.gantry.core.cluster.Node;
import java.time.Instant;
import java.util.List;

/**
 * A node as Tork's {@code GET /nodes} shows it. {@code name} is the role in Tork's words
 * (Coordinator, Worker; Standalone for Gantry's all-in-one process); {@code queue} is Tork's single
 * string, here the served queues joined by commas; {@code queues} is Gantry's list of the same.
 * {@code engineId}: the Docker engine a worker runs its tasks on (absent for a server), which the
 * jobs whose tasks share a workspace keep to.
 */
record NodeView(
    String id,
    String name,
    String hostname,
    String version,
    Instant startedAt,
    Instant lastHeartbeatAt,
    double cpuPercent,
    String status,
    String queue,
    List<String> queues,
    int taskCount,
    String engineId) {

  static NodeView of(Node node) {
    String role = switch (node.role()) {
      case SERVER -> "Coordinator";
      case WORKER -> "Worker";
      case STANDALONE -> "Standalone";
    };
    return new NodeView(node.id(), role, node.hostname(), node.version(), node.startedAt(), node.lastHeartbeatAt(),
        node.cpuPercent(), node.status().name(), String.join(",", node.queues()), node.queues(), node.taskCount(),
        node.engineId());
  }
}
