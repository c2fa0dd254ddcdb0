package dev.gantry.store;

import dev.gantry.core.cluster.QueueSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The {@code queues} table: the settings of the queues that have their own. */
final class QueueRows {

  private static final String COLUMNS = "name, priority, max_concurrency, enabled";

  private final SqlDialect dialect;

  QueueRows(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** Replaces the queue's row, or inserts it. */
  void save(SqlSession sql, QueueSettings queue, Instant now) {
    int updated = sql.update("update queues set priority = ?, max_concurrency = ?, enabled = ?, updated_at = ?"
        + " where name = ?", queue.priority(), queue.maxConcurrency(), queue.enabled(), now, queue.name());
    if (updated == 0) {
      sql.update("insert into queues (" + COLUMNS + ", updated_at) values (?, ?, ?, ?, ?)", queue.name(),
          queue.priority(), queue.maxConcurrency(), queue.enabled(), now);
    }
  }

  List<QueueSettings> all(SqlSession sql) {
    return sql.list("select " + COLUMNS + " from queues order by name", QueueRows::read);
  }

  /** The rows of those of {@code names} that have one: a primary-key read per name, in one statement. */
  List<QueueSettings> of(SqlSession sql, Set<String> names) {
    return sql.list("select " + COLUMNS + " from queues where name in (" + SqlSession.placeholders(names.size()) + ")",
        QueueRows::read, names.toArray());
  }

  /**
   * Holds the queue's row until commit: claimers of a queue with a concurrency limit take turns,
   * each counting the RUNNING runs the one before committed.
   */
  void lock(SqlSession sql, String name) {
    sql.list("select name from queues where name = ?" + dialect.lockRowClause(), row -> null, name);
  }

  private static QueueSettings read(ResultSet row) throws SQLException {
    return new QueueSettings(row.getString("name"), row.getInt("priority"), row.getInt("max_concurrency"),
        row.getBoolean("enabled"));
  }
}
