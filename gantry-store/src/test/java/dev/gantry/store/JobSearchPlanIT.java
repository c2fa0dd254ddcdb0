package dev.gantry.store;

import static dev.gantry.store.TestJobs.T0;
import static dev.gantry.store.TestJobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.Page;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A caller who is not an admin, with 30 jobs older than 5,000 of another user's, lists its first
 * page from job_access's own index (EXPLAIN on PostgreSQL), not by walking the other user's jobs;
 * prints what the admin's and its first page take (a measurement, not an assertion).
 */
class JobSearchPlanIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final Set<String> ALICE = Set.of("*", "user:alice", "role:devs");

  private JdbcStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void aNonAdminsFirstPageReadsItsOwnJobsEntriesNotTheOtherUsersJobs() throws SQLException {
    database.empty();
    StoreSettings settings = TestKeys.keyed(database.settings());
    store = JdbcStore.open(settings);
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      jobs.add(aJob().name("alice " + i).createdAt(T0.plusSeconds(i)).ownedBy("alice", i % 3 == 0 ? "role:devs" : "user:x").build());
    }
    for (int i = 0; i < 5_000; i++) {
      jobs.add(aJob().name("bob " + i).createdAt(T0.plusSeconds(100 + i)).ownedBy("bob").build());
    }
    for (int from = 0; from < jobs.size(); from += 500) {
      List<Job> batch = jobs.subList(from, Math.min(jobs.size(), from + 500));
      store.inTransaction(tx -> {
        tx.insertJobs(batch);
        return null;
      });
    }

    Page<Job> first = store.listJobs(JobQuery.parse(null, 1, 20).visibleTo(ALICE));
    assertThat(first.totalItems()).isEqualTo(30);
    assertThat(first.items()).extracting(Job::name)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(10, 30).map(i -> 39 - i).mapToObj(i -> "alice " + i).toList());
    assertThat(store.listJobs(JobQuery.parse(null, 2, 20).visibleTo(ALICE)).items()).hasSize(10);

    try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
      connection.createStatement().execute("analyze");
      Map.Entry<String, List<Object>> page = JobSearch.firstPage(JobQuery.parse(null, 1, 20).visibleTo(ALICE), 20);
      String plan = explain(connection, page.getKey(), page.getValue());
      System.out.println("JobSearchPlanIT: a non-admin's first page, 30 own jobs among 5,030:\n" + plan);
      assertThat(plan).contains("job_access_newest").doesNotContain(" on jobs");
    }

    long admin = median(() -> store.listJobs(JobQuery.parse(null, 1, 20)));
    long alice = median(() -> store.listJobs(JobQuery.parse(null, 1, 20).visibleTo(ALICE)));
    long before;
    try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
      before = median(() -> walkedAsBefore(connection));
    }
    System.out.printf("JobSearchPlanIT: first page of 20 and its total (median of 25, PostgreSQL): admin %.2f ms,"
        + " alice %.2f ms; alice's ids and count as JobSearch read them before (walking every job) %.2f ms%n",
        admin / 1e6, alice / 1e6, before / 1e6);
  }

  /** The ids of the page and the total as JobSearch read them before V31 (every job newest first, a lookup each). */
  private static Page<Job> walkedAsBefore(Connection connection) {
    String exists = " from jobs j where exists (select 1 from job_access a where a.job_id = j.id and a.grantee in (?, ?, ?))";
    try (PreparedStatement count = connection.prepareStatement("select count(*)" + exists);
        PreparedStatement ids = connection.prepareStatement("select j.id" + exists
            + " order by j.created_at desc, j.id desc offset 0 rows fetch next 20 rows only")) {
      List<String> grantees = List.copyOf(ALICE);
      for (PreparedStatement statement : List.of(count, ids)) {
        for (int i = 0; i < grantees.size(); i++) {
          statement.setString(i + 1, grantees.get(i));
        }
      }
      long total;
      try (ResultSet row = count.executeQuery()) {
        row.next();
        total = row.getLong(1);
      }
      int found = 0;
      try (ResultSet rows = ids.executeQuery()) {
        while (rows.next()) {
          found++;
        }
      }
      assertThat(total).isEqualTo(30);
      assertThat(found).isEqualTo(20);
      return null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String explain(Connection connection, String sql, List<Object> params) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("explain " + sql)) {
      for (int i = 0; i < params.size(); i++) {
        statement.setObject(i + 1, params.get(i));
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      return plan.toString();
    }
  }

  private static long median(Supplier<Page<Job>> call) {
    long[] nanos = new long[25];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      call.get();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos[nanos.length / 2];
  }
}
