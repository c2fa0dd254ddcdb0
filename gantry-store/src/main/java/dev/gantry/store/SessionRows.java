package dev.gantry.store;

import dev.gantry.core.job.Artifact;
import dev.gantry.core.job.StepRun;
import dev.gantry.core.job.StepState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code session_steps} and {@code artifacts} tables: what a session run's steps did and kept. */
final class SessionRows {

  private static final String STEP_COLUMNS = "run_id, position, name, state, exit_code, started_at, ended_at";
  private static final String ARTIFACT_COLUMNS = "id, job_id, run_id, path, name, size, created_at";

  private SessionRows() {}

  static void insertSteps(SqlSession sql, List<StepRun> steps) {
    sql.batch("insert into session_steps (" + STEP_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)", steps.stream()
        .map(s -> new Object[] {s.runId(), s.index(), s.name(), s.state().name(), s.exitCode(), s.startedAt(), s.endedAt()})
        .toList());
  }

  static void updateStep(SqlSession sql, StepRun step) {
    sql.update("update session_steps set state = ?, exit_code = ?, started_at = ?, ended_at = ? where run_id = ? and position = ?",
        step.state().name(), step.exitCode(), step.startedAt(), step.endedAt(), step.runId(), step.index());
  }

  static List<StepRun> stepsOf(SqlSession sql, String runId) {
    return sql.list("select " + STEP_COLUMNS + " from session_steps where run_id = ? order by position", SessionRows::step,
        runId);
  }

  static Artifact insertArtifact(SqlSession sql, String jobId, String runId, String path, String name, byte[] content,
      Instant at) {
    long id = sql.insertReturningId("insert into artifacts (job_id, run_id, path, name, size, content, created_at)"
        + " values (?, ?, ?, ?, ?, ?, ?)", jobId, runId, path, name, (long) content.length, content, at);
    return new Artifact(id, jobId, runId, path, name, content.length, Timestamps.stored(at));
  }

  static List<Artifact> artifactsOf(SqlSession sql, String jobId) {
    return sql.list("select " + ARTIFACT_COLUMNS + " from artifacts where job_id = ? order by id", SessionRows::artifact,
        jobId);
  }

  static Optional<byte[]> content(SqlSession sql, long id) {
    return sql.first("select content from artifacts where id = ?", row -> row.getBytes("content"), id);
  }

  private static StepRun step(ResultSet row) throws SQLException {
    int code = row.getInt("exit_code");
    Integer exitCode = row.wasNull() ? null : code;
    return new StepRun(row.getString("run_id"), row.getInt("position"), row.getString("name"),
        StepState.valueOf(row.getString("state")), exitCode, Timestamps.read(row, "started_at"),
        Timestamps.read(row, "ended_at"));
  }

  private static Artifact artifact(ResultSet row) throws SQLException {
    return new Artifact(row.getLong("id"), row.getString("job_id"), row.getString("run_id"), row.getString("path"),
        row.getString("name"), row.getLong("size"), Timestamps.read(row, "created_at"));
  }
}
