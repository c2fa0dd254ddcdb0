package dev.gantry.store;

import dev.gantry.core.cluster.WorkspacePinning;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobParent;
import dev.gantry.core.job.ReportedProgress;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.JobState;
import dev.gantry.core.spec.JobSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The {@code jobs} and {@code job_tags} tables. */
final class JobRows {

  static final String COLUMNS =
      "id, spec, state, created_at, started_at, completed_at, failed_at, position, result, error, cancelled_at, schedule_id,"
      + " owner, secrets, parent_id, parent_path, root_id, progress_position, task_progress";

  private static final String INSERT = """
      insert into jobs (id, name, description, state, spec, created_at, started_at, completed_at,
        failed_at, position, result, error, cancelled_at, schedule_id, owner, secrets, parent_id, parent_path, root_id,
        pins_engine, dialect)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  /** What a transition may change; id, spec (so name, description, tags), created_at, schedule_id, owner and secrets never do. */
  private static final String UPDATE = """
      update jobs set state = ?, started_at = ?, completed_at = ?, failed_at = ?, position = ?,
        result = ?, error = ?, cancelled_at = ?, progress_position = ?, task_progress = ?, version = version + 1
      where id = ?""";
  private static final String INSERT_TAG = "insert into job_tags (job_id, tag) values (?, ?)";
  private static final String INSERT_ACCESS = "insert into job_access (job_id, grantee, can_change, created_at) values (?, ?, ?, ?)";
  private static final String BY_ID = "select " + COLUMNS + " from jobs where id = ?";
  private static final String STATE = "select state from jobs where id = ?";
  /** A task's report; a transition writes them as it read them under the job's lock, which a report takes too. */
  private static final String REPORT = "update jobs set progress_position = ?, task_progress = ? where id = ?";

  private final SqlDialect dialect;
  private final SealedSecrets secrets;

  JobRows(SqlDialect dialect, SealedSecrets secrets) {
    this.dialect = dialect;
    this.secrets = secrets;
  }

  /** Inserts the jobs, their tags and their words: a batch (one round trip) each. */
  void insert(SqlSession sql, List<Job> jobs) {
    List<Object[]> rows = new ArrayList<>(jobs.size());
    List<Object[]> tags = new ArrayList<>();
    List<Object[]> access = new ArrayList<>();
    Map<String, JobWords.Searched> words = new LinkedHashMap<>();
    for (Job job : jobs) {
      // Secrets go in their own column only, sealed, not into the spec's JSON.
      boolean secrets = !job.spec().secrets().isEmpty();
      rows.add(new Object[] {job.id(), job.name(), job.spec().description(), job.state(),
          SpecJson.write(secrets ? job.spec().withSecrets(Map.of()) : job.spec()), job.createdAt(), job.startedAt(),
          job.completedAt(), job.failedAt(), job.position(), job.result(), job.error(), job.cancelledAt(), job.scheduleId(),
          job.owner(), this.secrets.write(job.id(), job.spec().secrets()), job.parentId(),
          job.parent() == null ? null : job.parent().path().encoded(), job.parent() == null ? null : job.rootId(),
          WorkspacePinning.pins(job.spec()), job.spec().dialect()});
      tags.addAll(tagRows(job));
      job.spec().access().grants(job.owner()).forEach((grantee, canChange) -> access.add(new Object[] {job.id(), grantee, canChange,
          job.createdAt()}));
      words.put(job.id(), JobWords.Searched.of(job));
    }
    sql.batch(INSERT, rows);
    sql.batch(INSERT_TAG, tags);
    sql.batch(INSERT_ACCESS, access);
    JobWords.insert(sql, words);
  }

  /**
   * Writes a transition of the job: its state, times, position, result and error. What a job was
   * submitted with (spec, name, tags, creation time) is not written again: no transition changes
   * it. {@code stateBefore} is the state the row holds now, when the caller knows it (it locked the
   * row in this transaction); otherwise it is read, with the lock the update takes anyway.
   *
   * @throws IllegalStateException when the job is not in the store
   */
  void update(SqlSession sql, Job job, JobState stateBefore) {
    JobState before = stateBefore != null ? stateBefore
        : sql.first(STATE + dialect.lockRowClause(), row -> JobState.valueOf(row.getString(1)), job.id())
            .orElseThrow(() -> notStored(job));
    int updated = sql.update(UPDATE, job.state(), job.startedAt(), job.completedAt(), job.failedAt(), job.position(),
        job.result(), job.error(), job.cancelledAt(), job.reported() == null ? null : job.reported().position(),
        job.reported() == null ? null : job.reported().percent(), job.id());
    if (updated == 0) {
      throw notStored(job);
    }
    JobWords.Searched after = JobWords.Searched.of(job);
    JobWords.update(sql, job.id(), after.withState(before.name()), after);
  }

  /** Records what the job's task at {@code position} reported of its progress. */
  void reportProgress(SqlSession sql, String jobId, int position, double percent) {
    sql.update(REPORT, position, percent, jobId);
  }

  private static IllegalStateException notStored(Job job) {
    return new IllegalStateException("job " + job.id() + " cannot be updated: it is not in the store");
  }

  Optional<Job> find(SqlSession sql, String id) {
    return sql.first(BY_ID, this::read, id);
  }

  /** The jobs with these ids, in the order of {@code ids}; one statement (a page's worth of ids). */
  List<Job> byIds(SqlSession sql, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Job> byId = new HashMap<>();
    for (Job job : sql.list("select " + COLUMNS + " from jobs where id in (" + SqlSession.placeholders(ids.size()) + ")",
        this::read, ids.toArray())) {
      byId.put(job.id(), job);
    }
    return ids.stream().map(byId::get).toList();
  }

  /** The sub-jobs {@code parentId} started, oldest first. */
  List<Job> children(SqlSession sql, String parentId) {
    return sql.list("select " + COLUMNS + " from jobs where parent_id = ? order by created_at, id", this::read, parentId);
  }

  Optional<Job> lock(SqlSession sql, String id) {
    return sql.first(BY_ID + dialect.lockRowClause(), this::read, id);
  }

  static Map<JobState, Long> countByState(SqlSession sql) {
    Map<JobState, Long> counts = new TreeMap<>();
    sql.list("select state, count(*) as jobs from jobs group by state",
        row -> counts.put(JobState.valueOf(row.getString("state")), row.getLong("jobs")));
    return counts;
  }

  /** The jobs by state that one of {@code grantees} may see: from their job_access entries (V31's index), each job once. */
  static Map<JobState, Long> countByState(SqlSession sql, Set<String> grantees) {
    Map<JobState, Long> counts = new TreeMap<>();
    if (grantees.isEmpty()) {
      return counts;
    }
    sql.list("select j.state, count(*) as jobs from jobs j join (select distinct a.job_id from job_access a where a.grantee in ("
        + SqlSession.placeholders(grantees.size()) + ")) v on v.job_id = j.id group by j.state",
        row -> counts.put(JobState.valueOf(row.getString("state")), row.getLong("jobs")), grantees.toArray());
    return counts;
  }

  Job read(ResultSet row) throws SQLException {
    JobSpec spec = SpecJson.read(row.getString("spec"));
    String id = row.getString("id");
    String sealed = row.getString("secrets");
    return new Job(
        id,
        sealed == null ? spec : spec.withSecrets(secrets.read(id, sealed)),
        JobState.valueOf(row.getString("state")),
        Timestamps.read(row, "created_at"),
        Timestamps.read(row, "started_at"),
        Timestamps.read(row, "completed_at"),
        Timestamps.read(row, "failed_at"),
        row.getInt("position"),
        row.getString("result"),
        row.getString("error"),
        Timestamps.read(row, "cancelled_at"),
        row.getString("schedule_id"),
        row.getString("owner"),
        row.getString("parent_id") == null ? null : new JobParent(row.getString("parent_id"),
            NodePath.decode(row.getString("parent_path")), row.getString("root_id")),
        row.getObject("progress_position") == null ? null
            : new ReportedProgress(row.getInt("progress_position"), row.getDouble("task_progress")));
  }

  private static List<Object[]> tagRows(Job job) {
    List<Object[]> rows = new ArrayList<>();
    for (String tag : new LinkedHashSet<>(job.spec().tags())) {
      rows.add(new Object[] {job.id(), tag});
    }
    return rows;
  }
}
