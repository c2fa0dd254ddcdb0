package dev.gantry.store;

import dev.gantry.core.job.Page;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.schedule.ScheduleState;
import dev.gantry.core.schedule.ScheduledJob;
import dev.gantry.core.spec.JobSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code scheduled_jobs} table. A schedule's job secrets are kept as a job's are: sealed in a
 * column of their own ({@link SealedSecrets}), out of the spec's JSON.
 */
final class ScheduleRows {

  private static final String COLUMNS = "id, spec, cron, state, created_at, next_fire_at, owner, secrets";

  private ScheduleRows() {}

  static void insert(SqlSession sql, SealedSecrets secrets, ScheduledJob schedule) {
    sql.update("insert into scheduled_jobs (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)", schedule.id(),
        SpecJson.write(schedule.spec().withSecrets(Map.of())), schedule.cron(), schedule.state(), schedule.createdAt(),
        schedule.nextFireAt(), schedule.owner(), secrets.write(context(schedule.id()), schedule.spec().secrets()));
  }

  /** Where a schedule's secrets are sealed for: not a job's id, so a schedule's sealed value opens for no job. */
  static String context(String scheduleId) {
    return "schedule:" + scheduleId;
  }

  static Optional<ScheduledJob> find(SqlSession sql, SealedSecrets secrets, String id) {
    return sql.first("select " + COLUMNS + " from scheduled_jobs where id = ?", row -> read(row, secrets), id);
  }

  /** A page of the schedules of {@code owner} (null: of everyone), newest first. */
  static Page<ScheduledJob> page(SqlSession sql, SealedSecrets secrets, String owner, int page, int size) {
    if (owner == null) {
      List<ScheduledJob> items = sql.list("select " + COLUMNS + " from scheduled_jobs order by created_at desc, id desc"
          + " offset ? rows fetch next ? rows only", row -> read(row, secrets), (long) (page - 1) * size, size);
      return new Page<>(items, page, size, sql.count("select count(*) from scheduled_jobs"));
    }
    List<ScheduledJob> items = sql.list("select " + COLUMNS + " from scheduled_jobs where owner = ?"
        + " order by created_at desc, id desc offset ? rows fetch next ? rows only", row -> read(row, secrets), owner,
        (long) (page - 1) * size, size);
    return new Page<>(items, page, size, sql.count("select count(*) from scheduled_jobs where owner = ?", owner));
  }

  /** Sets state and next tick, only while the row is in {@code expected}: false when it is not (or gone). */
  static boolean changeState(SqlSession sql, String id, ScheduleState expected, ScheduleState state, Instant next) {
    return sql.update("update scheduled_jobs set state = ?, next_fire_at = ? where id = ? and state = ?",
        state, next, id, expected) == 1;
  }

  static boolean delete(SqlSession sql, String id) {
    return sql.update("delete from scheduled_jobs where id = ?", id) == 1;
  }

  static List<ScheduledJob> due(SqlSession sql, SealedSecrets secrets, Instant now, int limit) {
    return sql.list("select " + COLUMNS + " from scheduled_jobs where state = 'ACTIVE' and next_fire_at <= ?"
        + " order by next_fire_at, id fetch first ? rows only", row -> read(row, secrets), now, limit);
  }

  /**
   * Moves an ACTIVE schedule's next tick from {@code from} to {@code to}; false (and nothing
   * changed) when another transaction moved it first, or it was paused or deleted. Under READ
   * COMMITTED a second updater waits for the first's row lock, then finds the row no longer matches.
   */
  static boolean advance(SqlSession sql, String id, Instant from, Instant to) {
    return sql.update("update scheduled_jobs set next_fire_at = ? where id = ? and next_fire_at = ? and state = 'ACTIVE'",
        to, id, from) == 1;
  }

  private static ScheduledJob read(ResultSet row, SealedSecrets secrets) throws SQLException {
    String id = row.getString("id");
    JobSpec spec = SpecJson.read(row.getString("spec"));
    String sealed = row.getString("secrets");
    return new ScheduledJob(id, sealed == null ? spec : spec.withSecrets(secrets.read(context(id), sealed)), row.getString("cron"),
        ScheduleState.valueOf(row.getString("state")), Timestamps.read(row, "created_at"),
        Timestamps.read(row, "next_fire_at"), row.getString("owner"));
  }
}
