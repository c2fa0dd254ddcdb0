package dev.gantry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.DeliveryState;
import dev.gantry.core.spec.Secrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code deliveries} table: the outbox. The headers that hold a job's secrets
 * ({@link Delivery#secretHeaders()}) are kept sealed in {@code sealed_headers} (V31, by
 * {@link SealedSecrets}, bound to the call's id), and in {@code headers}, with the others in
 * clear, as {@link Secrets#REDACTED}; the sealed ones are opened only for the sender that claims
 * the call ({@link #claim}), everyone else reads them redacted ({@link #ofJob}).
 */
final class DeliveryRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
  private static final String COLUMNS = "id, kind, job_id, run_id, event, url, headers, subject_state, subject_position, state, attempts,"
      + " created_at, next_attempt_at, delivered_at, last_error, sealed_headers";
  /** Longer reasons are cut: the column's width. */
  static final int MAX_ERROR = 2000;

  private final SqlDialect dialect;
  private final SealedSecrets secrets;

  DeliveryRows(SqlDialect dialect, SealedSecrets secrets) {
    this.dialect = dialect;
    this.secrets = secrets;
  }

  void insert(SqlSession sql, List<Delivery> deliveries) {
    List<Object[]> rows = new ArrayList<>();
    for (Delivery d : deliveries) {
      Map<String, String> clear = new LinkedHashMap<>();
      Map<String, String> secret = new LinkedHashMap<>();
      d.headers().forEach((name, value) -> {
        boolean isSecret = d.secretHeaders().contains(name);
        clear.put(name, isSecret ? Secrets.REDACTED : value);
        if (isSecret) {
          secret.put(name, value);
        }
      });
      rows.add(new Object[] {d.id(), d.kind(), d.jobId(), d.runId(), d.event(), d.url(), headers(clear),
          d.subjectState(), d.subjectPosition(), d.state().name(), d.attempts(), d.createdAt(), d.nextAttemptAt(), d.deliveredAt(),
          cut(d.lastError()), secrets.write(place(d.id()), secret)});
    }
    sql.batch("insert into deliveries (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
  }

  /**
   * Due rows no sender holds, each taken only if its attempt count is still the one read: of two
   * claimers that read the same row, one raises it and the other's update matches nothing.
   * (PostgreSQL skips the rows another claimer has locked instead of waiting for them.)
   */
  List<Delivery> claim(SqlSession sql, Instant now, Instant leaseUntil, int limit) {
    List<Delivery> due = sql.list("select " + COLUMNS + " from deliveries where state = 'PENDING' and next_attempt_at <= ?"
        + " and (lease_until is null or lease_until <= ?) order by next_attempt_at, id fetch first ? rows only"
        + dialect.claimCandidatesClause(), row -> read(row, true), now, now, limit);
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
    return sql.list("select " + COLUMNS + " from deliveries where job_id = ? order by created_at, id", row -> read(row, false),
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

  /** The row; its secret headers opened when {@code forSending}, else shown as {@link Secrets#REDACTED}. */
  private Delivery read(ResultSet row, boolean forSending) throws SQLException {
    String id = row.getString("id");
    String headers = row.getString("headers");
    Map<String, String> map = new LinkedHashMap<>();
    try {
      if (headers != null) {
        map.putAll(JSON.readValue(headers, HEADERS));
      }
    } catch (JsonProcessingException e) {
      throw new SQLException("delivery " + id + " has unreadable headers", e);
    }
    // The secret headers are in `headers` by name, as [REDACTED]; their values only in the seal.
    Set<String> secretNames = Set.of();
    String sealed = row.getString("sealed_headers");
    if (sealed != null && forSending) {
      Map<String, String> secret = secrets.read(place(id), sealed);
      map.putAll(secret);
      secretNames = secret.keySet();
    } else if (sealed != null) {
      secretNames = new java.util.LinkedHashSet<>();
      for (Map.Entry<String, String> header : map.entrySet()) {
        if (header.getValue().equals(Secrets.REDACTED)) {
          secretNames.add(header.getKey());
        }
      }
    }
    return new Delivery(id, row.getString("kind"), row.getString("job_id"), row.getString("run_id"),
        row.getString("event"), row.getString("url"), map, row.getString("subject_state"),
        (Integer) row.getObject("subject_position", Integer.class),
        DeliveryState.valueOf(row.getString("state")), row.getInt("attempts"), Timestamps.read(row, "created_at"),
        Timestamps.read(row, "next_attempt_at"), Timestamps.read(row, "delivered_at"), row.getString("last_error"),
        secretNames);
  }

  /** What a call's sealed headers are bound to: opened for another row, they do not open. */
  private static String place(String deliveryId) {
    return "deliveries.sealed_headers:" + deliveryId;
  }
}
