package dev.gantry.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code job_engines} table: the Docker engine each pinned job keeps to, from the claim of its
 * first run until it ends (see {@link dev.gantry.core.cluster.WorkspacePinning}).
 */
final class EnginePins {

  private static final String OF_JOB = "select engine_id from job_engines where job_id = ?";
  private static final String UNPIN = "delete from job_engines where job_id = ?";
  // No node on the engine alive since then: none UP with a later alive_until, none that left (OFFLINE) later.
  private static final String ENGINE_GONE = "not exists (select 1 from nodes n where n.engine_id = p.engine_id"
      + " and n.alive_until >= ?)";
  private static final String ON_LOST_ENGINES = "select p.job_id from job_engines p where " + ENGINE_GONE
      + " order by p.pinned_at, p.job_id fetch first ? rows only";
  private static final String LOST_ENGINE_OF = "select p.engine_id from job_engines p where p.job_id = ? and " + ENGINE_GONE;

  private final SqlDialect dialect;

  EnginePins(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Pins the job to {@code engineId} unless it is pinned already; returns the engine it is pinned
   * to now. Of two transactions pinning one job at once, the second waits for the first and then
   * reads its pin (PostgreSQL; H2, one process, takes the claims of its one worker in turn).
   */
  String pin(SqlSession sql, String jobId, String engineId, Instant now) {
    sql.update(dialect.insertIfAbsentJobEngine(), jobId, engineId, now);
    return sql.first(OF_JOB, row -> row.getString(1), jobId).orElse(engineId);
  }

  void unpin(SqlSession sql, String jobId) {
    sql.update(UNPIN, jobId);
  }

  List<String> onLostEngines(SqlSession sql, Instant aliveSince, int limit) {
    return sql.list(ON_LOST_ENGINES, row -> row.getString(1), aliveSince, limit);
  }

  Optional<String> lostEngineOf(SqlSession sql, String jobId, Instant aliveSince) {
    return sql.first(LOST_ENGINE_OF, row -> row.getString(1), jobId, aliveSince);
  }
}
