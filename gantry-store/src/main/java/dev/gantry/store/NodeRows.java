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

  // Never lower than before, also when the row was forgotten and made again: an epoch from the clock.
  private static final String TAKE_OVER = "update nodes set epoch = greatest(epoch + 1, ?) where id = ?";
  private static final String EPOCH = "select epoch from nodes where id = ?";

  private NodeRows() {}

  /** Raises the node's epoch and returns it; the clock's milliseconds when the node has no row yet (it is inserted at 0). */
  static long takeOver(SqlSession sql, String nodeId, long nowMillis) {
    if (sql.update(TAKE_OVER, nowMillis, nodeId) == 0) {
      return 0;
    }
    return epoch(sql, nodeId);
  }

  /** The node's epoch; 0 when it has no row. */
  static long epoch(SqlSession sql, String nodeId) {
    List<Long> found = sql.list(EPOCH, row -> row.getLong(1), nodeId);
    return found.isEmpty() ? 0 : found.get(0);
  }

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
