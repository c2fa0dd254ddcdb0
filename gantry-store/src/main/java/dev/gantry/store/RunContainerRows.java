package dev.gantry.store;

import dev.gantry.core.job.RunContainer;
import java.time.Instant;
import java.util.List;

/** The {@code run_containers} table: when a run's container started, and when it was seen gone after a cancel. */
final class RunContainerRows {

  private RunContainerRows() {}

  /**
   * The first start of a run's containers counts: a later one (its post task's) changes nothing.
   * A StoreException with state 23505 (a start of the same run inserted first) or 23503/23506 (the run
   * is gone with its job) means there is nothing to record; the caller ends the transaction.
   */
  static void started(SqlSession sql, String runId, String jobId, Instant at) {
    sql.update("insert into run_containers (run_id, job_id, started_at) values (?, ?, ?)", runId, jobId, at);
  }

  /** Whether {@code e} is one of the refusals of {@link #started} that leave nothing to record. */
  static boolean nothingToRecord(StoreException e) {
    // 23505: a duplicate key; 23503 (PostgreSQL) and 23506 (H2): a run that is not there.
    return "23505".equals(e.sqlState()) || "23503".equals(e.sqlState()) || "23506".equals(e.sqlState());
  }

  static void stopped(SqlSession sql, String runId, Instant at) {
    sql.update("update run_containers set stopped_at = ? where run_id = ? and stopped_at is null", at, runId);
  }

  static List<RunContainer> ofJob(SqlSession sql, String jobId) {
    return sql.list("select run_id, job_id, started_at, stopped_at from run_containers where job_id = ? order by started_at",
        row -> new RunContainer(row.getString("run_id"), row.getString("job_id"), Timestamps.read(row, "started_at"),
            Timestamps.read(row, "stopped_at")), jobId);
  }
}
