package dev.gantry.store;

import static dev.gantry.store.TestJobs.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.engine.RetentionSweeper;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.Webhook;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Retention on a real database: the sweeper deletes exactly the jobs that are due (past their
 * autoDelete, or ended before the retention) with every row of theirs in every table, and keeps
 * the others, checked by counting the rows of every table of the schema before and after.
 */
public abstract class RetentionContract extends EmptyDatabaseContract {

  private static final Instant NOW = Instant.now();
  private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(40));

  @Test
  void deletesDueJobsWithEveryRowOfTheirsAndNothingElse() throws Exception {
    String endedLongAgo = endedJob("ended long ago", null, LONG_AGO, true);
    String autoDeleted = endedJob("asked to go after 1h", Duration.ofHours(1), NOW.minus(Duration.ofHours(2)), true);
    String recent = endedJob("ended just now", null, NOW.minusSeconds(5), true);
    String autoDeleteNotYet = endedJob("asked to go after 1d", Duration.ofDays(1), NOW.minus(Duration.ofHours(2)), true);
    String pendingCall = endedJob("ended long ago, call still pending", null, LONG_AGO, false);
    String running = runningJob();
    List<String> deleted = List.of(endedLongAgo, autoDeleted);

    Map<String, Long> before = rowsPerTable();
    Map<String, Long> ofDeleted = rowsReferencing(deleted);
    new RetentionSweeper(store, Clock.systemUTC(), Duration.ofDays(30)).run();
    Map<String, Long> after = rowsPerTable();

    assertThat(before.keySet()).contains("jobs", "task_runs", "log_parts", "job_words", "job_tags", "deliveries", "job_count");
    for (String table : before.keySet()) {
      assertThat(after.get(table)).as("rows of %s (before %s, of the deleted jobs %s)", table, before.get(table),
          ofDeleted.getOrDefault(table, 0L)).isEqualTo(before.get(table) - ofDeleted.getOrDefault(table, 0L));
    }
    assertThat(ofDeleted.get("jobs")).isEqualTo(2);
    assertThat(ofDeleted.get("task_runs")).isEqualTo(2);
    assertThat(ofDeleted.get("log_parts")).isEqualTo(4);
    assertThat(ofDeleted.get("deliveries")).isEqualTo(2);
    assertThat(ofDeleted.get("job_tags")).isEqualTo(2);
    assertThat(ofDeleted.get("job_words")).isPositive();
    assertThat(ofDeleted.get("job_access")).isEqualTo(2); // each owner's row
    for (String kept : List.of(recent, autoDeleteNotYet, pendingCall, running)) {
      assertThat(store.findJob(kept)).as(kept).isPresent();
    }
    deleted.forEach(id -> assertThat(store.findJob(id)).isEmpty());
    assertThat(store.listJobs(dev.gantry.core.job.JobQuery.parse(null, 1, 10)).totalItems()).isEqualTo(4);
    assertThat(store.listJobs(dev.gantry.core.job.JobQuery.parse("long", 1, 10)).items()).extracting(Job::id)
        .containsExactly(pendingCall);

    // The kept call ends: its job is due at the next round.
    Delivery call = store.claimDeliveries(Instant.now(), Instant.now().plusSeconds(60), 10).get(0);
    store.finishDelivery(call.failed("gave up"));
    new RetentionSweeper(store, Clock.systemUTC(), Duration.ofDays(30)).run();
    assertThat(store.findJob(pendingCall)).isEmpty();
  }

  @Test
  void aDeletedJobLeavesItsBuildsSrHtGroups() {
    String deleted = endedJob("ended long ago", null, LONG_AGO, true);
    String kept = endedJob("ended just now", null, NOW.minusSeconds(5), true);
    long deletedNumber = store.jobNumber(deleted).orElseThrow();
    long keptNumber = store.jobNumber(kept).orElseThrow();
    dev.gantry.core.job.JobGroup group = store.insertGroup(
        new dev.gantry.core.job.JobGroup(0, "alice", null, List.of(deletedNumber, keptNumber), NOW));

    new RetentionSweeper(store, Clock.systemUTC(), Duration.ofDays(30)).run();

    assertThat(store.findJob(deleted)).isEmpty();
    assertThat(store.findGroup(group.id()).orElseThrow().jobs()).containsExactly(keptNumber);
  }

  @Test
  void aRestartedJobIsNoLongerDue() {
    String id = endedJob("restarted", Duration.ofMinutes(1), LONG_AGO, true);
    store.inTransaction(tx -> {
      tx.updateJob(tx.lockJob(id).orElseThrow().requeued());
      return null;
    });
    assertThat(store.jobsToDelete(NOW, NOW, 10)).doesNotContain(id);
    assertThat(store.deleteEndedJob(id)).isFalse();
    assertThat(store.findJob(id)).isPresent();
  }

  /** An ended job with a run, two log parts, a tag, words and a callback (delivered, or still pending). */
  private String endedJob(String name, Duration autoDelete, Instant endedAt, boolean callDelivered) {
    JobSpec spec = new JobSpec(name, "kept or not", List.of("nightly"), Map.of(), List.of(task("only")), null, null,
        "https://hooks.example.com/" + TestJobs.newId())
        .withWebhooksAndAutoDelete(List.<Webhook>of(), autoDelete);
    Job job = Job.queued(TestJobs.newId(), "alice", spec, endedAt.minusSeconds(60));
    TaskRun run = TestJobs.aRun(job).build();
    store.inTransaction(tx -> {
      tx.insertJob(job);
      tx.insertRun(run);
      return null;
    });
    store.appendLog(job.id(), run.id(), 1, "line one\n", endedAt);
    store.appendLog(job.id(), run.id(), 2, "line two\n", endedAt);
    store.inTransaction(tx -> {
      tx.updateJob(tx.lockJob(job.id()).orElseThrow().succeeded("done", endedAt));
      return null;
    });
    Delivery pending = store.deliveriesOf(job.id()).get(0);
    if (callDelivered) {
      List<Delivery> claimed = store.claimDeliveries(Instant.now(), Instant.now().plusSeconds(60), 100);
      Delivery mine = claimed.stream().filter(d -> d.id().equals(pending.id())).findFirst().orElseThrow();
      claimed.stream().filter(d -> d != mine).forEach(d -> store.finishDelivery(d.retryAt(NOW, "not this test's")));
      assertThat(store.finishDelivery(mine.delivered(NOW))).isTrue();
    }
    return job.id();
  }

  private String runningJob() {
    Job job = TestJobs.aJob().name("still running").build();
    store.inTransaction(tx -> {
      tx.insertJob(job);
      tx.insertRun(TestJobs.aRun(job).build());
      return null;
    });
    return job.id();
  }

  /** Every table of the schema (but Flyway's own) with its row count. */
  private Map<String, Long> rowsPerTable() throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
        while (rows.next()) {
          String table = rows.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
          if (!table.equals("flyway_schema_history")) {
            tables.add(table);
          }
        }
      }
      for (String table : tables) {
        counts.put(table, table.equals("job_count") ? sum(statement, "select sum(jobs) from job_count")
            : sum(statement, "select count(*) from " + table));
      }
    }
    return counts;
  }

  /** How many rows of each table belong to {@code jobIds} (job_count: how many jobs it counts of them). */
  private Map<String, Long> rowsReferencing(List<String> jobIds) throws SQLException {
    String in = "('" + String.join("', '", jobIds) + "')";
    Map<String, Long> counts = new TreeMap<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      counts.put("jobs", sum(statement, "select count(*) from jobs where id in " + in));
      counts.put("job_count", (long) jobIds.size());
      // Every table with a job_id column, so that a table added later cannot keep a deleted job's rows unseen.
      List<String> referencing = new ArrayList<>();
      try (ResultSet columns = connection.getMetaData().getColumns(null, connection.getSchema(), "%", "%")) {
        while (columns.next()) {
          if (columns.getString("COLUMN_NAME").equalsIgnoreCase("job_id")) {
            referencing.add(columns.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
      assertThat(referencing).contains("task_runs", "log_parts", "job_words", "job_tags", "deliveries", "job_access");
      for (String table : referencing) {
        counts.put(table, sum(statement, "select count(*) from " + table + " where job_id in " + in));
      }
    }
    return counts;
  }

  private static long sum(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
  }
}
