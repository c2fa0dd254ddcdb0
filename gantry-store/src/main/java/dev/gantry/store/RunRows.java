package dev.gantry.store;

import dev.gantry.core.cluster.QueueLoad;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The {@code task_runs} table, the queue of work. */
final class RunRows {

  /**
   * A run as read, with the version the claim's optimistic check compares against, the engine it
   * is pinned to ({@link #ANY_ENGINE}: none), whether its job pins, and whether its job has task
   * webhooks (its claim then writes their calls).
   */
  record Versioned(TaskRun run, long version, String engineId, boolean pinsEngine, boolean taskWebhooks) {}

  /** The engine of a run that any engine may take. */
  static final String ANY_ENGINE = "";

  private static final String COLUMNS = "id, job_id, position, attempt, retries, lost, name, queue, state, "
      + "created_at, started_at, completed_at, node_id, lease_until, exit_code, result, error, spec, priority, node_path,"
      + " root_job_id";
  /** What a run is read with: its columns and its progress, which only {@link #setProgress} writes. */
  private static final String READ = COLUMNS + ", progress";
  // A run inserted after its job was pinned carries the pin; one of a job that pins carries that.
  private static final String INSERT = "insert into task_runs (" + COLUMNS + ", engine_id, pins_engine, task_webhooks)"
      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
      + " coalesce((select p.engine_id from job_engines p where p.job_id = ?), ''),"
      + " (select j.pins_engine from jobs j where j.id = ?), ?)";
  private static final String UPDATE = """
      update task_runs set job_id = ?, position = ?, attempt = ?, retries = ?, lost = ?, name = ?,
        queue = ?, state = ?, created_at = ?, started_at = ?, completed_at = ?, node_id = ?,
        lease_until = ?, exit_code = ?, result = ?, error = ?, version = version + 1
      where id = ?""";
  private static final String BY_ID = "select " + READ + " from task_runs where id = ?";
  private static final String OF_JOB = "select " + READ + " from task_runs where job_id = ?"
      + " order by position, node_path, attempt, created_at";
  private static final String ACTIVE_OF_JOB = "select " + READ + " from task_runs where job_id = ?"
      + " and state in ('QUEUED', 'RUNNING')";
  private static final String EXPIRED = "select " + READ + " from task_runs"
      + " where state = 'RUNNING' and lease_until < ? order by lease_until, id";
  // Ordered by all the claim index's columns: the same order (state and queue are fixed), but
  // only then does H2 read the index in order instead of sorting every queued run.
  static final String CANDIDATES = "select " + READ + ", version, engine_id, pins_engine, task_webhooks"
      + " from task_runs where state = 'QUEUED' and queue = ? and engine_id = ?"
      + " order by state, queue, engine_id, priority desc, created_at, id fetch first ? rows only";
  private static final String CARRY_PIN = "update task_runs set engine_id = ?, version = version + 1"
      + " where id = ? and engine_id = ''";
  private static final String HAS_QUEUED = "select id from task_runs where state = 'QUEUED' and queue = ? fetch first 1 rows only";
  private static final String RUNNING_IN = "select count(*) from task_runs where state = 'RUNNING' and queue = ?";
  private static final String LOADS = "select queue, state, count(*) as runs from task_runs"
      + " where state in ('QUEUED', 'RUNNING') group by queue, state order by queue";
  private static final String JOBS_QUEUED_IN = "select distinct job_id from task_runs where state = 'QUEUED' and queue = ?";
  private static final String SET_PROGRESS = "update task_runs set progress = ?, version = version + 1"
      + " where id = ? and state = 'RUNNING' and (progress is null or progress <> ?)";
  private static final String RENEW = "update task_runs set lease_until = ?, version = version + 1"
      + " where id = ? and state = 'RUNNING' and node_id = ?";
  // Only the process holding the node's current epoch renews: one that was taken over loses its runs.
  private static final String RENEW_IN_EPOCH = RENEW + " and coalesce((select n.epoch from nodes n where n.id = ?), 0) = ?";

  private final SqlDialect dialect;

  RunRows(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** Inserts the runs in one batch (one round trip); none of their jobs has task webhooks. */
  void insert(SqlSession sql, List<TaskRun> runs) {
    insert(sql, runs, jobId -> false);
  }

  /** Inserts the runs in one batch (one round trip), marking those whose job has task webhooks. */
  void insert(SqlSession sql, List<TaskRun> runs, Predicate<String> jobHasTaskWebhooks) {
    List<Object[]> rows = new ArrayList<>(runs.size());
    for (TaskRun run : runs) {
      rows.add(new Object[] {run.id(), run.jobId(), run.position(), run.attempt(), run.retries(), run.lost(),
          run.name(), run.queue(), run.state(), run.createdAt(), run.startedAt(), run.completedAt(), run.nodeId(),
          run.leaseUntil(), run.exitCode(), run.result(), run.error(),
          run.task() == null ? null : SpecJson.writeTask(run.task()), run.priority(), stored(run.path()),
          run.rootJobId(), run.jobId(), run.jobId(), jobHasTaskWebhooks.test(run.jobId())});
    }
    sql.batch(INSERT, rows);
  }

  void update(SqlSession sql, TaskRun run) {
    if (sql.update(UPDATE, updateParams(run)) == 0) {
      throw new IllegalStateException("task run " + run.id() + " cannot be updated: it is not in the store");
    }
  }

  /** Writes {@code run} only if its row is still at {@code version}; false when someone else changed it first. */
  boolean updateIfVersion(SqlSession sql, TaskRun run, long version) {
    Object[] params = updateParams(run);
    Object[] withVersion = Arrays.copyOf(params, params.length + 1);
    withVersion[params.length] = version;
    return sql.update(UPDATE + " and version = ?", withVersion) == 1;
  }

  /**
   * The next QUEUED runs of one queue pinned to {@code engineId} ({@link #ANY_ENGINE}: of no engine),
   * by priority (the highest first), creation then id: an index range scan. (With an
   * {@code in} list of queues both databases would sort every queued run of them instead.)
   */
  List<Versioned> claimCandidates(SqlSession sql, String queue, String engineId) {
    return sql.list(CANDIDATES + dialect.claimCandidatesClause(),
        row -> new Versioned(read(row), row.getLong("version"), row.getString("engine_id"), row.getBoolean("pins_engine"),
            row.getBoolean("task_webhooks")),
        queue, engineId, dialect.claimCandidates());
  }

  /** Pins a run that was queued before its job was pinned to the job's engine: it leaves the any-engine range. */
  void carryPin(SqlSession sql, String runId, String engineId) {
    sql.update(CARRY_PIN, engineId, runId);
  }

  /** How many runs of the queue are RUNNING, on any node: a count over the claim index. */
  /** Whether the queue has a QUEUED run (one row of the claim index). */
  boolean hasQueued(SqlSession sql, String queue) {
    return !sql.list(HAS_QUEUED, row -> row.getString("id"), queue).isEmpty();
  }

  long runningIn(SqlSession sql, String queue) {
    return sql.count(RUNNING_IN, queue);
  }

  /** Sets a RUNNING run's progress; false when it is not running or had that progress already. */
  boolean setProgress(SqlSession sql, String runId, double percent) {
    return sql.update(SET_PROGRESS, percent, runId, percent) == 1;
  }

  boolean renewLease(SqlSession sql, String runId, String nodeId, Instant leaseUntil) {
    return sql.update(RENEW, leaseUntil, runId, nodeId) == 1;
  }

  boolean renewLease(SqlSession sql, String runId, String nodeId, long epoch, Instant leaseUntil) {
    return sql.update(RENEW_IN_EPOCH, leaseUntil, runId, nodeId, nodeId, epoch) == 1;
  }

  /** Per queue, how many runs are QUEUED and RUNNING: one grouped read of the claim index. */
  List<QueueLoad> loads(SqlSession sql) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    sql.list(LOADS, row -> {
      long[] queue = counts.computeIfAbsent(row.getString("queue"), q -> new long[2]);
      queue[RunState.QUEUED.name().equals(row.getString("state")) ? 0 : 1] = row.getLong("runs");
      return null;
    });
    return counts.entrySet().stream().map(e -> new QueueLoad(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
  }

  List<String> jobsQueuedIn(SqlSession sql, String queue) {
    return sql.list(JOBS_QUEUED_IN, row -> row.getString("job_id"), queue);
  }

  Optional<TaskRun> find(SqlSession sql, String id) {
    return sql.first(BY_ID, RunRows::read, id);
  }

  List<TaskRun> ofJob(SqlSession sql, String jobId) {
    return sql.list(OF_JOB, RunRows::read, jobId);
  }

  /** The runs of a job that have not ended, strictly below {@code under} (null: all). */
  List<TaskRun> active(SqlSession sql, String jobId, NodePath under) {
    if (under == null) {
      return sql.list(ACTIVE_OF_JOB, RunRows::read, jobId);
    }
    return sql.list(ACTIVE_OF_JOB + " and node_path like ?", RunRows::read, jobId, under.encoded() + ".%");
  }

  /** A top-level task's runs keep no path: their position is their node. */
  private static String stored(NodePath path) {
    return path.depth() > 1 ? path.encoded() : null;
  }

  List<TaskRun> expired(SqlSession sql, Instant now) {
    return sql.list(EXPIRED, RunRows::read, now);
  }

  private static Object[] updateParams(TaskRun run) {
    return new Object[] {run.jobId(), run.position(), run.attempt(), run.retries(), run.lost(), run.name(),
        run.queue(), run.state(), run.createdAt(), run.startedAt(), run.completedAt(), run.nodeId(),
        run.leaseUntil(), run.exitCode(), run.result(), run.error(), run.id()};
  }

  private static TaskRun read(ResultSet row) throws SQLException {
    return new TaskRun(
        row.getString("id"),
        row.getString("job_id"),
        row.getInt("position"),
        row.getInt("attempt"),
        row.getInt("retries"),
        row.getInt("lost"),
        row.getString("name"),
        row.getString("queue"),
        RunState.valueOf(row.getString("state")),
        Timestamps.read(row, "created_at"),
        Timestamps.read(row, "started_at"),
        Timestamps.read(row, "completed_at"),
        row.getString("node_id"),
        Timestamps.read(row, "lease_until"),
        row.getObject("exit_code", Integer.class),
        row.getString("result"),
        row.getString("error"),
        row.getString("spec") == null ? null : SpecJson.readTask(row.getString("spec")),
        row.getInt("priority"),
        row.getString("node_path") == null ? null : NodePath.decode(row.getString("node_path")),
        row.getString("root_job_id"),
        row.getObject("progress") == null ? null : row.getDouble("progress"));
  }
}
