package dev.gantry.store;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code jobs} and {@code job_tags} tables. */
final class JobRows {

  static final String COLUMNS =
      "id, spec, state, created_at, started_at, completed_at, failed_at, position, result, error";

  private static final String INSERT = """
      insert into jobs (id, name, description, state, spec, created_at, started_at, completed_at,
        failed_at, position, result, error)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String UPDATE = """
      update jobs set name = ?, description = ?, state = ?, spec = ?, created_at = ?,
        started_at = ?, completed_at = ?, failed_at = ?, position = ?, result = ?, error = ?,
        version = version + 1
      where id = ?""";
  private static final String INSERT_TAG = "insert into job_tags (job_id, tag) values (?, ?)";
  private static final String DELETE_TAGS = "delete from job_tags where job_id = ?";
  private static final String BY_ID = "select " + COLUMNS + " from jobs where id = ?";
  private static final String SEARCHED = "select name, description, state, created_at from jobs where id = ?";

  private final SqlDialect dialect;

  JobRows(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** Inserts the jobs, their tags and their words: a batch (one round trip) each. */
  void insert(SqlSession sql, List<Job> jobs) {
    List<Object[]> rows = new ArrayList<>(jobs.size());
    List<Object[]> tags = new ArrayList<>();
    Map<String, JobWords.Searched> words = new LinkedHashMap<>();
    for (Job job : jobs) {
      rows.add(new Object[] {job.id(), job.name(), job.spec().description(), job.state(), SpecJson.write(job.spec()),
          job.createdAt(), job.startedAt(), job.completedAt(), job.failedAt(), job.position(), job.result(),
          job.error()});
      tags.addAll(tagRows(job));
      words.put(job.id(), JobWords.Searched.of(job));
    }
    sql.batch(INSERT, rows);
    sql.batch(INSERT_TAG, tags);
    JobWords.insert(sql, words);
  }

  void update(SqlSession sql, Job job) {
    // Read (and lock, as the update would) what the job's words come from, to write only their change.
    JobWords.Searched before = sql.first(SEARCHED + dialect.lockRowClause(), JobRows::searched, job.id())
        .orElseThrow(() -> new IllegalStateException("job " + job.id() + " cannot be updated: it is not in the store"));
    sql.update(UPDATE, job.name(), job.spec().description(), job.state(), SpecJson.write(job.spec()),
        job.createdAt(), job.startedAt(), job.completedAt(), job.failedAt(), job.position(), job.result(),
        job.error(), job.id());
    JobWords.update(sql, job.id(), before, JobWords.Searched.of(job));
    // The spec (and so its tags) does not change in any transition today; keeping the tags in
    // step anyway means an update always leaves the row and its tags agreeing.
    sql.update(DELETE_TAGS, job.id());
    sql.batch(INSERT_TAG, tagRows(job));
  }

  Optional<Job> find(SqlSession sql, String id) {
    return sql.first(BY_ID, JobRows::read, id);
  }

  /** The jobs with these ids, in the order of {@code ids}; one statement (a page's worth of ids). */
  static List<Job> byIds(SqlSession sql, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Job> byId = new HashMap<>();
    for (Job job : sql.list("select " + COLUMNS + " from jobs where id in (" + SqlSession.placeholders(ids.size()) + ")",
        JobRows::read, ids.toArray())) {
      byId.put(job.id(), job);
    }
    return ids.stream().map(byId::get).toList();
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

  private static JobWords.Searched searched(ResultSet row) throws SQLException {
    return new JobWords.Searched(row.getString("name"), row.getString("description"), row.getString("state"),
        Timestamps.read(row, "created_at"));
  }

  private static List<Object[]> tagRows(Job job) {
    List<Object[]> rows = new ArrayList<>();
    for (String tag : new LinkedHashSet<>(job.spec().tags())) {
      rows.add(new Object[] {job.id(), tag});
    }
    return rows;
  }
}
