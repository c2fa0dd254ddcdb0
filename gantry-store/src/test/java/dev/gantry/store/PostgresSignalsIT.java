package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static dev.gantry.store.TestJobs.T0;
import static dev.gantry.store.TestJobs.aJob;
import static dev.gantry.store.TestJobs.aRun;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.TaskRun;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signals between two "processes" (two stores and two signal sets) over one real PostgreSQL. */
class PostgresSignalsIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  /** Generous for a loaded machine, yet far below {@link #IDLE_FOR}. */
  private static final Duration PROMPTLY = Duration.ofSeconds(20);
  private static final Duration IDLE_FOR = Duration.ofSeconds(120);

  private JdbcStore storeA;
  private JdbcStore storeB;
  private PostgresSignals a;
  private PostgresSignals b;
  private final Job job = aJob().build();
  private final TaskRun run = aRun(job).build();

  /** The listening sessions of a and b; other Gantry processes on this server may listen too. */
  private Set<Long> ours;

  @BeforeEach
  void start() throws SQLException {
    Set<Long> others = listeners();
    storeA = JdbcStore.open(database.settings());
    storeB = JdbcStore.open(database.settings());
    a = PostgresSignals.start(database.settings(), storeA);
    b = PostgresSignals.start(database.settings(), storeB);
    // Not by count: a session closed just before (the previous test's) leaves the server's list a moment later.
    ours = await().atMost(PROMPTLY).until(() -> {
      Set<Long> added = listeners();
      added.removeAll(others);
      return added;
    }, added -> added.size() >= 2);
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    storeA.close();
    storeB.close();
  }

  @Test
  void workQueuedInOneProcessWakesAnIdleWorkerInAnother() throws Exception {
    CompletableFuture<Long> woken = new CompletableFuture<>();
    Thread idle = new Thread(() -> {
      long start = System.nanoTime();
      try {
        b.awaitWork(IDLE_FOR);
        woken.complete(System.nanoTime() - start);
      } catch (InterruptedException e) {
        woken.completeExceptionally(e);
      }
    }, "idle worker");
    idle.setDaemon(true);
    idle.start();
    // Signalled before b waits, the signal would be missed: wait until b is parked in awaitWork.
    await().atMost(PROMPTLY).until(() -> idle.getState() == Thread.State.TIMED_WAITING);

    a.workQueued();

    // Woken by a's signal, long before b's own timeout could have ended the wait.
    assertThat(woken.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).isLessThan(PROMPTLY.toNanos());
  }

  @Test
  void cancelsAndEndsReachEveryProcessAndEachProcessHearsItsOwnOnce() {
    List<String> heardByA = new CopyOnWriteArrayList<>();
    List<String> heardByB = new CopyOnWriteArrayList<>();
    a.onJobCancelled(id -> heardByA.add("cancelled " + id));
    b.onJobCancelled(id -> heardByB.add("cancelled " + id));
    a.onJobEnded(id -> heardByA.add("ended " + id));
    b.onJobEnded(id -> heardByB.add("ended " + id));

    a.jobCancelled("job-1");
    b.jobEnded("job-2");

    await().atMost(PROMPTLY).until(() -> heardByA.size() == 2 && heardByB.size() == 2);
    a.jobCancelled("job-3"); // a marker: once it arrived, any echo of the first two would have too
    await().atMost(PROMPTLY).until(() -> heardByB.contains("cancelled job-3"));
    assertThat(heardByA).containsExactlyInAnyOrder("cancelled job-1", "ended job-2", "cancelled job-3");
    assertThat(heardByB).containsExactlyInAnyOrder("cancelled job-1", "ended job-2", "cancelled job-3");
  }

  @Test
  void storedLogPartsAreAnnouncedToTheOtherProcessesByJobAndLastId() {
    List<Long> heardByB = new CopyOnWriteArrayList<>();
    b.onLogStoredElsewhere((jobId, partId) -> {
      if (jobId.equals(job.id())) { // notifications are database-wide: other test runs' notices may come too
        heardByB.add(partId);
      }
    });
    List<LogPart> parts = new ArrayList<>();
    storeA.inTransaction(tx -> {
      tx.insertJob(job);
      tx.insertRun(run);
      return null;
    });

    for (int i = 1; i <= 20; i++) {
      LogPart part = storeA.appendLog(job.id(), run.id(), i, LogPart.Stream.STDOUT, "x".repeat(64 * 1024), T0);
      parts.add(part);
      a.logAppended(part); // as the worker's log writer does once the part is stored
    }

    long last = parts.get(parts.size() - 1).id();
    await().atMost(PROMPTLY).until(() -> heardByB.contains(last));
    // Coalesced while a notice was being sent, never out of order, never for a part not stored.
    assertThat(heardByB).isSorted().doesNotHaveDuplicates().isSubsetOf(parts.stream().map(LogPart::id).toList());
    assertThat(a.reachesOtherProcesses()).isTrue();
  }

  @Test
  void aMalformedLogNoticeIsIgnoredAndTheNextOneStillHeard() throws SQLException {
    List<String> heardByB = new CopyOnWriteArrayList<>();
    String x = "job-x-" + TestJobs.newId();
    String colons = "job:with:colons:" + TestJobs.newId();
    // Notifications are database-wide: other test runs' notices may come too.
    b.onLogStoredElsewhere((jobId, partId) -> {
      if (jobId.equals(x) || jobId.equals(colons) || jobId.equals("job") || jobId.isEmpty()) {
        heardByB.add(jobId + "/" + partId);
      }
    });

    for (String payload : List.of("", "no-colon", "job:not-a-number", ":", "job:")) {
      storeA.sendNotification(PostgresSignals.LOG, payload);
    }
    storeA.sendNotifications(PostgresSignals.LOG, List.of(x + ":7", colons + ":8"));

    await().atMost(PROMPTLY).until(() -> heardByB.size() == 2);
    assertThat(heardByB).containsExactly(x + "/7", colons + "/8");
  }

  @Test
  void listensAgainAfterTheConnectionIsLost() throws SQLException {
    List<String> heardByB = new CopyOnWriteArrayList<>();
    b.onJobCancelled(heardByB::add);
    AtomicInteger missed = new AtomicInteger();
    b.onSignalsMissed(missed::incrementAndGet);

    assertThat(ours).hasSize(2);
    int missedBefore = missed.get();
    terminate(ours);

    // Sent while b reconnects, a notification is lost (polling covers that): send until one arrives.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      a.jobCancelled("after-reconnect");
      return heardByB.contains("after-reconnect");
    });
    // Back, it told its listeners to look at the store for what was announced meanwhile.
    assertThat(missed.get()).isGreaterThan(missedBefore);
  }

  /** The server processes of the sessions listening for Gantry's notifications. */
  private static Set<Long> listeners() throws SQLException {
    Set<Long> pids = new HashSet<>();
    try (Connection connection = DriverManager.getConnection(database.settings().url());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select pid from pg_stat_activity where application_name = '"
            + PostgresSignals.APPLICATION_NAME + "' and datname = current_database()")) {
      while (result.next()) {
        pids.add(result.getLong(1));
      }
    }
    return pids;
  }

  /** What a database restart does to a listening session. */
  private static void terminate(Set<Long> pids) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.settings().url());
        Statement statement = connection.createStatement()) {
      for (long pid : pids) {
        statement.execute("select pg_terminate_backend(" + pid + ")");
      }
    }
  }
}
