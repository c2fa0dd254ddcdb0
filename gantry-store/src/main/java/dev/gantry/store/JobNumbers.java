package dev.gantry.store;

import dev.gantry.core.job.JobNumber;
import java.util.List;
import java.util.Optional;

/** The {@code jobs.number} column: each job's integer number, for dialects with integer ids. */
final class JobNumbers {

  private JobNumbers() {}

  static Optional<Long> numberOf(SqlSession sql, String jobId) {
    return sql.first("select number from jobs where id = ?", row -> row.getLong("number"), jobId);
  }

  static Optional<String> jobWith(SqlSession sql, long number) {
    return sql.first("select id from jobs where number = ?", row -> row.getString("id"), number);
  }

  static List<JobNumber> ofOwner(SqlSession sql, String owner, String dialect, long atMost, int limit) {
    return sql.list("select number, id from jobs where owner = ? and dialect = ? and number <= ?"
        + " order by number desc fetch first ? rows only",
        row -> new JobNumber(row.getLong("number"), row.getString("id")), owner, dialect, atMost, limit);
  }

  static long countOfOwner(SqlSession sql, String owner, String dialect) {
    return sql.count("select count(*) from jobs where owner = ? and dialect = ?", owner, dialect);
  }
}
