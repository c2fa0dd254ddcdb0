package dev.gantry.store;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The {@code log_parts} table: task output in chunks, ordered by their generated id. */
final class LogRows {

  private static final String COLUMNS = "id, job_id, run_id, number, stream, contents, created_at";
  private static final String INSERT =
      "insert into log_parts (job_id, run_id, number, stream, contents, created_at) values (?, ?, ?, ?, ?, ?)";
  private static final String AFTER = "select " + COLUMNS + " from log_parts where job_id = ? and id > ?"
      + " order by id fetch first ? rows only";
  private static final String LAST_ID = "select coalesce(max(id), 0) from log_parts where job_id = ?";

  private LogRows() {}

  static LogPart append(SqlSession sql, String jobId, String runId, int number, LogPart.Stream stream, String contents,
      Instant at) {
    long id = sql.insertReturningId(INSERT, jobId, runId, number, stream.name(), contents, at);
    return new LogPart(id, jobId, runId, number, stream, contents, Timestamps.stored(at));
  }

  static Page<LogPart> ofJob(SqlSession sql, String jobId, int page, int size) {
    return page(sql, "job_id", jobId, page, size);
  }

  static Page<LogPart> ofRun(SqlSession sql, String runId, int page, int size) {
    return page(sql, "run_id", runId, page, size);
  }

  /** A page of the parts whose {@code column} is {@code value}, newest first. */
  private static Page<LogPart> page(SqlSession sql, String column, String value, int page, int size) {
    if (page < 1 || size < 1) {
      throw new IllegalArgumentException("a page of log needs page >= 1 and size >= 1, not page " + page + " size " + size);
    }
    List<LogPart> parts = sql.list("select " + COLUMNS + " from log_parts where " + column + " = ?"
        + " order by id desc offset ? rows fetch next ? rows only", LogRows::read, value, (long) (page - 1) * size, size);
    long total = sql.count("select count(*) from log_parts where " + column + " = ?", value);
    return new Page<>(parts, page, size, total);
  }

  static List<LogPart> after(SqlSession sql, String jobId, long afterId, int limit) {
    return sql.list(AFTER, LogRows::read, jobId, afterId, limit);
  }

  static long lastId(SqlSession sql, String jobId) {
    return sql.count(LAST_ID, jobId);
  }

  private static LogPart read(ResultSet row) throws SQLException {
    return new LogPart(row.getLong("id"), row.getString("job_id"), row.getString("run_id"), row.getInt("number"),
        LogPart.Stream.valueOf(row.getString("stream")), row.getString("contents"), Timestamps.read(row, "created_at"));
  }
}
