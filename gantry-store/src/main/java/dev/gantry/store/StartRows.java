package dev.gantry.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code job_starts} table: the start times of jobs submitted to start later. */
final class StartRows {

  private StartRows() {}

  static void insert(SqlSession sql, String jobId, Instant startAt) {
    sql.update("insert into job_starts (job_id, start_at, pending) values (?, ?, ?)", jobId, startAt, true);
  }

  static void released(SqlSession sql, String jobId) {
    sql.update("update job_starts set pending = ? where job_id = ?", false, jobId);
  }

  static List<String> due(SqlSession sql, Instant now, int limit) {
    return sql.list("select job_id from job_starts where pending = ? and start_at <= ? order by start_at, job_id"
        + " fetch first ? rows only", row -> row.getString("job_id"), true, now, limit);
  }

  static Optional<Instant> of(SqlSession sql, String jobId) {
    return sql.first("select start_at from job_starts where job_id = ?", row -> Timestamps.read(row, "start_at"), jobId);
  }
}
