package dev.gantry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.DeliveryState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code deliveries} table: the outbox. */
final class DeliveryRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
  private static final String COLUMNS = "id, kind, job_id, run_id, event, url, headers, subject_state, subject_position, state, attempts,"
      + " created_at, next_attempt_at, delivered_at, last_error";
  /** Longer reasons are cut: the column's width. */
  static final int MAX_ERROR = 2000;

  private final SqlDialect dialect;

  DeliveryRows(SqlDialect dialect) {
    this.dialect = dialect;
  }

  void insert(SqlSession sql, List<Delivery> deliveries) {
    List<Object[]> rows = new ArrayList<>();
    for (Delivery d : deliveries) {
      rows.add(new Object[] {d.id(), d.kind(), d.jobId(), d.runId(), d.event(), d.url(), headers(d.headers()),
          d.subjectState(), d.subjectPosition(), d.state().name(), d.attempts(), d.createdAt(), d.nextAttemptAt(), d.deliveredAt(),
          cut(d.lastError())});
    }
    sql.batch("insert into deliveries (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
  }

  /**
   * Due rows no sender holds, each taken only if its attempt count is still the one read: of two
   * claimers that read the same row, one raises it and the other's update matches nothing.
   * (PostgreSQL skips the rows another claimer has locked instead of waiting for them.)
   */
  List<Delivery> claim(SqlSession sql, Instant now, Instant leaseUntil, int limit) {
    List<Delivery> due = sql.list("select " + COLUMNS + " from deliveries where state = 'PENDING' and next_attempt_at <= ?"
        + " and (lease_until is null or lease_until <= ?) order by next_attempt_at, id fetch first ? rows only"
        + dialect.claimCandidatesClause(), DeliveryRows::read, now, now, limit);
    List<Delivery> claimed = new ArrayList<>();
    for (Delivery candidate : due) {
      if (sql.update("update deliveries set attempts = attempts + 1, lease_until = ? where id = ? and attempts = ?"
          + " and state = 'PENDING'", leaseUntil, candidate.id(), candidate.attempts()) == 1) {
        claimed.add(candidate.claimed());
      }
    }
    return claimed;
  }

  boolean finish(SqlSession sql, Delivery after) {
    return sql.update("update deliveries set state = ?, next_attempt_at = ?, delivered_at = ?, last_error = ?,"
        + " lease_until = null where id = ? and attempts = ? and state = 'PENDING'", after.state(), after.nextAttemptAt(),
        after.deliveredAt(), cut(after.lastError()), after.id(), after.attempts()) == 1;
  }

  List<Delivery> ofJob(SqlSession sql, String jobId) {
    return sql.list("select " + COLUMNS + " from deliveries where job_id = ? order by created_at, id", DeliveryRows::read,
        jobId);
  }

  private static String cut(String error) {
    return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "...";
  }

  private static String headers(Map<String, String> headers) {
    try {
      return headers.isEmpty() ? null : JSON.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("headers cannot be written as JSON", e);
    }
  }

  private static Delivery read(ResultSet row) throws SQLException {
    String headers = row.getString("headers");
    Map<String, String> map;
    try {
      map = headers == null ? Map.of() : JSON.readValue(headers, HEADERS);
    } catch (JsonProcessingException e) {
      throw new SQLException("delivery " + row.getString("id") + " has unreadable headers", e);
    }
    return new Delivery(row.getString("id"), row.getString("kind"), row.getString("job_id"), row.getString("run_id"),
        row.getString("event"), row.getString("url"), map, row.getString("subject_state"),
        (Integer) row.getObject("subject_position", Integer.class),
        DeliveryState.valueOf(row.getString("state")), row.getInt("attempts"), Timestamps.read(row, "created_at"),
        Timestamps.read(row, "next_attempt_at"), Timestamps.read(row, "delivered_at"), row.getString("last_error"));
  }
}
