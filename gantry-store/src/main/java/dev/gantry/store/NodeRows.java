package dev.gantry.store;

import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.core.cluster.NodeStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code nodes} table: one row per Gantry process, written by its own heartbeats. */
final class NodeRows {

  private static final String COLUMNS = "id, role, hostname, version, queues, status, started_at, last_heartbeat_at, "
      + "alive_until, cpu_percent, task_count, engine_id";
  private static final String INSERT = "insert into nodes (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE = """
      update nodes set role = ?, hostname = ?, version = ?, queues = ?, status = ?, started_at = ?,
        last_heartbeat_at = ?, alive_until = ?, cpu_percent = ?, task_count = ?, engine_id = ?
      where id = ?""";
  private static final String ALL = "select " + COLUMNS + " from nodes order by started_at, id";
  private static final String PAST_ALIVE = "select " + COLUMNS + " from nodes where status = 'UP' and alive_until < ?";
  // Checks the condition again: a heartbeat may have come between the select and this update.
  private static final String MARK_OFFLINE =
      "update nodes set status = 'OFFLINE' where id = ? and status = 'UP' and alive_until < ?";
  private static final String FORGET = "delete from nodes where status = 'OFFLINE' and last_heartbeat_at < ?";

  private NodeRows() {}

  /**
   * Updates the node's row, or inserts it when there is none. Only the node itself writes its row
   * this way (one heartbeat at a time), so the two statements need no upsert syntax.
   */
  static void save(SqlSession sql, Node node) {
    if (sql.update(UPDATE, node.role(), node.hostname(), node.version(), String.join(",", node.queues()),
        node.status(), node.startedAt(), node.lastHeartbeatAt(), node.aliveUntil(), node.cpuPercent(),
        node.taskCount(), node.engineId(), node.id()) == 0) {
      sql.update(INSERT, node.id(), node.role(), node.hostname(), node.version(), String.join(",", node.queues()),
          node.status(), node.startedAt(), node.lastHeartbeatAt(), node.aliveUntil(), node.cpuPercent(),
          node.taskCount(), node.engineId());
    }
  }

  static List<Node> all(SqlSession sql) {
    return sql.list(ALL, NodeRows::read);
  }

  static List<Node> markOffline(SqlSession sql, Instant now) {
    List<Node> marked = new ArrayList<>();
    for (Node node : sql.list(PAST_ALIVE, NodeRows::read, now)) {
      if (sql.update(MARK_OFFLINE, node.id(), now) == 1) {
        marked.add(node);
      }
    }
    return marked;
  }

  static int forget(SqlSession sql, Instant cutoff) {
    return sql.update(FORGET, cutoff);
  }

  private static Node read(ResultSet row) throws SQLException {
    String queues = row.getString("queues");
    return new Node(
        row.getString("id"),
        NodeRole.valueOf(row.getString("role")),
        row.getString("hostname"),
        row.getString("version"),
        queues.isEmpty() ? List.of() : Arrays.asList(queues.split(",")),
        NodeStatus.valueOf(row.getString("status")),
        Timestamps.read(row, "started_at"),
        Timestamps.read(row, "last_heartbeat_at"),
        Timestamps.read(row, "alive_until"),
        row.getDouble("cpu_percent"),
        row.getInt("task_count"),
        row.getString("engine_id"));
  }
}
