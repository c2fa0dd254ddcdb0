package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a new PostgreSQL database, before any ANALYZE has seen its runs, a worker's claim of an empty
 * queue reads its own queue's range of the claim index, however many runs wait in other queues. It
 * did not: the claim's statement is prepared on the server, and the plan PostgreSQL chose for it
 * while task_runs looked empty (a scan of every QUEUED run through another index, filtered by
 * queue) stayed cached on the connection as the table grew, so each claim read every queued run
 * (bench figure 3 on PostgreSQL lost a quarter of its rate to it). Counted by PostgreSQL's own
 * index statistics of this test's schema.
 */
class ClaimPlanIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final int WAITING_ELSEWHERE = 3_000;
  private static final int CLAIMS = 40;

  private JdbcStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void aClaimOfAnEmptyQueueReadsNoneOfTheRunsWaitingInOtherQueues() throws Exception {
    database.empty();
    StoreSettings settings = TestKeys.keyed(database.settings());
    store = JdbcStore.open(settings);
    Instant now = Instant.now();
    try (Connection statistics = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
      // No autovacuum analyze in the middle of the test: it would replan and hide what it is about.
      statistics.createStatement().execute("alter table task_runs set (autovacuum_enabled = false)");
      // Runs are submitted one by one to a queue this worker does not serve, while it claims...
      for (int i = 0; i < 300; i++) {
        queueElsewhere(1);
      }
      for (int i = 0; i < CLAIMS; i++) {
        assertThat(store.claimNext(Set.of("served"), "node", "engine-a", now, now.plusSeconds(60))).isEmpty();
      }
      // ...and many more pile up there before autovacuum's first analyze.
      queueElsewhere(WAITING_ELSEWHERE - 300);
      String plan = explain(statistics);
      System.out.println("ClaimPlanIT: the claim's plan before any analyze:\n" + plan);
      assertThat(plan).as("the claim reads its own queue's range").containsPattern("Index Cond: .*\\(queue\\)::text = 'served'");

      Reads before = reads(statistics);
      for (int i = 0; i < CLAIMS; i++) {
        assertThat(store.claimNext(Set.of("served"), "node", "engine-a", now, now.plusSeconds(60))).isEmpty();
      }
      // Each claim reads two ranges (no engine's runs, this engine's); a backend reports its counts
      // when it goes idle, at most once a second: wait until all the scans are counted.
      Reads after = awaitScans(statistics, before.scans() + 2L * CLAIMS);
      long perClaim = (after.tuples() - before.tuples()) / CLAIMS;
      System.out.printf("ClaimPlanIT: %d claims of an empty queue, %d runs queued elsewhere: %d index entries read per claim%n",
          CLAIMS, WAITING_ELSEWHERE, perClaim);
      assertThat(perClaim).as("index entries a claim of an empty queue reads").isLessThan(10);
    }
  }

  /** The plan of a claim's candidates query (as the claim runs it) of queue "served" and no engine. */
  private static String explain(Connection statistics) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement explain = statistics.prepareStatement("explain " + RunRows.CANDIDATES + " for update skip locked")) {
      explain.setString(1, "served");
      explain.setString(2, RunRows.ANY_ENGINE);
      explain.setInt(3, 10);
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
    }
    return plan.toString();
  }

  private void queueElsewhere(int count) {
    List<Job> jobs = new ArrayList<>();
    List<TaskRun> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Job job = Job.queued(TestJobs.newId(), new JobSpec("waiting " + i, null, List.of(), Map.of(),
          List.of(TestJobs.task("t")), null, null, null), TestJobs.T0);
      jobs.add(job);
      runs.add(TestJobs.aRun(job).queue("unserved").build());
    }
    store.inTransaction(tx -> {
      tx.insertJobs(jobs);
      tx.insertRuns(runs);
      return null;
    });
  }

  private record Reads(long scans, long tuples) {}

  private static Reads awaitScans(Connection statistics, long scans) throws SQLException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    Reads reads = reads(statistics);
    while (reads.scans() < scans && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      reads = reads(statistics);
    }
    assertThat(reads.scans()).as("index scans of task_runs counted by PostgreSQL").isGreaterThanOrEqualTo(scans);
    return reads;
  }

  private static Reads reads(Connection statistics) throws SQLException {
    statistics.createStatement().execute("select pg_stat_clear_snapshot()");
    try (PreparedStatement query = statistics.prepareStatement("select coalesce(sum(idx_scan), 0), coalesce(sum(idx_tup_read), 0)"
        + " from pg_stat_user_indexes where schemaname = ? and relname = 'task_runs'")) {
      query.setString(1, database.schema());
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return new Reads(row.getLong(1), row.getLong(2));
      }
    }
  }
}
