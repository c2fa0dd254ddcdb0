package dev.gantry.store;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code jobs} and {@code job_tags} tables. */
final class JobRows {

  static final String COLUMNS =
      "id, spec, state, created_at, started_at, completed_at, failed_at, position, result, error";

  private static final String INSERT = """
      insert into jobs (id, name, description, state, spec, search_text, created_at, started_at,
        completed_at, failed_at, position, result, error)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String UPDATE = """
      update jobs set name = ?, description = ?, state = ?, spec = ?, search_text = ?, created_at = ?,
        started_at = ?, completed_at = ?, failed_at = ?, position = ?, result = ?, error = ?,
        version = version + 1
      where id = ?""";
  private static final String INSERT_TAG = "insert into job_tags (job_id, tag) values (?, ?)";
  private static final String DELETE_TAGS = "delete from job_tags where job_id = ?";
  private static final String BY_ID = "select " + COLUMNS + " from jobs where id = ?";
  /** Ids per statement when looking many up: well under every driver's parameter limit. */

  private final SqlDialect dialect;

  JobRows(SqlDialect dialect) {
    this.dialect = dialect;
  }

  void insert(SqlSession sql, Job job) {
    sql.update(INSERT, job.id(), job.name(), job.spec().description(), job.state(), SpecJson.write(job.spec()),
        searchText(job), job.createdAt(), job.startedAt(), job.completedAt(), job.failedAt(), job.position(),
        job.result(), job.error());
    insertTags(sql, job);
  }

  void update(SqlSession sql, Job job) {
    int updated = sql.update(UPDATE, job.name(), job.spec().description(), job.state(),
        SpecJson.write(job.spec()), searchText(job), job.createdAt(), job.startedAt(), job.completedAt(),
        job.failedAt(), job.position(), job.result(), job.error(), job.id());
    if (updated == 0) {
      throw new IllegalStateException("job " + job.id() + " cannot be updated: it is not in the store");
    }
    // The spec (and so its tags) does not change in any transition today; keeping the tags in
    // step anyway means an update always leaves the row and its tags agreeing.
    sql.update(DELETE_TAGS, job.id());
    insertTags(sql, job);
  }

  Optional<Job> find(SqlSession sql, String id) {
    return sql.first(BY_ID, JobRows::read, id);
  }

  Optional<Job> lock(SqlSession sql, String id) {
    return sql.first(BY_ID + dialect.lockRowClause(), JobRows::read, id);
  }

  static Job read(ResultSet row) throws SQLException {
    return new Job(
        row.getString("id"),
        SpecJson.read(row.getString("spec")),
        JobState.valueOf(row.getString("state")),
        Timestamps.read(row, "created_at"),
        Timestamps.read(row, "started_at"),
        Timestamps.read(row, "completed_at"),
        Timestamps.read(row, "failed_at"),
        row.getInt("position"),
        row.getString("result"),
        row.getString("error"));
  }

  private static void insertTags(SqlSession sql, Job job) {
    List<Object[]> rows = new ArrayList<>();
    for (String tag : new LinkedHashSet<>(job.spec().tags())) {
      rows.add(new Object[] {job.id(), tag});
    }
    sql.batch(INSERT_TAG, rows);
  }

  /** What a search word must occur in; newlines keep a word from matching across two fields. */
  private static String searchText(Job job) {
    String description = job.spec().description() == null ? "" : job.spec().description();
    return String.join("\n", job.name(), description, job.state().name()).toLowerCase(Locale.ROOT);
  }

  private static String terminalStates() {
    StringBuilder states = new StringBuilder();
    for (JobState state : JobState.values()) {
      if (state.isTerminal()) {
        states.append(states.isEmpty() ? "" : ", ").append('\'').append(state.name()).append('\'');
      }
    }
    return states.toString();
  }
}
