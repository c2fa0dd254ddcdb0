package dev.gantry.store;

import static dev.gantry.store.TestJobs.T0;
import static dev.gantry.store.TestJobs.aJob;
import static dev.gantry.store.TestJobs.aRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.core.cluster.NodeStatus;
import dev.gantry.core.cluster.QueueLoad;
import dev.gantry.core.job.RunContainer;
import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.NodeKind;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.JobParent;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.Page;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.schedule.ScheduleState;
import dev.gantry.core.schedule.ScheduledJob;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do. Each database's test is a subclass that only says where an
 * empty database is. Instants are compared as stored: truncated to microseconds.
 */
public abstract class StoreContract {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  protected Store store;

  /** An empty database of its own (no rows from other tests, no schema yet). */
  protected abstract StoreSettings emptyDatabase();

  @BeforeEach
  void openStore() {
    store = JdbcStore.open(TestKeys.keyed(emptyDatabase()));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // --- jobs and transactions

  // --- scheduled jobs

  private ScheduledJob aSchedule(String id, Instant createdAt, Instant next) {
    return new ScheduledJob(id, aJob().name("nightly " + id).tags("cron").build().spec(), "*/5 * * * *",
        ScheduleState.ACTIVE, createdAt, next, "alice");
  }

  @Test
  void keepsScheduledJobsPagesThemNewestFirstAndDeletesThem() {
    ScheduledJob first = aSchedule("s1", T0, T0.plusSeconds(300));
    ScheduledJob second = aSchedule("s2", T0.plusSeconds(1), T0.plusSeconds(300));
    store.insertSchedule(first);
    store.insertSchedule(second);

    assertThat(store.findSchedule("s1")).contains(first);
    assertThat(store.findSchedule("nope")).isEmpty();
    Page<ScheduledJob> page = store.listSchedules(1, 1);
    assertThat(page.items()).containsExactly(second);
    assertThat(page.totalItems()).isEqualTo(2);
    assertThat(store.listSchedules(2, 1).items()).containsExactly(first);

    assertThat(store.deleteSchedule("s1")).isTrue();
    assertThat(store.deleteSchedule("s1")).isFalse();
    assertThat(store.findSchedule("s1")).isEmpty();
  }

  @Test
  void changesAScheduleStateOnlyFromTheExpectedOne() {
    store.insertSchedule(aSchedule("s1", T0, T0.plusSeconds(300)));

    assertThat(store.changeScheduleState("s1", ScheduleState.PAUSED, ScheduleState.ACTIVE, T0)).isFalse();
    assertThat(store.changeScheduleState("s1", ScheduleState.ACTIVE, ScheduleState.PAUSED, T0.plusSeconds(300))).isTrue();
    assertThat(store.findSchedule("s1").orElseThrow().state()).isEqualTo(ScheduleState.PAUSED);
    assertThat(store.changeScheduleState("s1", ScheduleState.PAUSED, ScheduleState.ACTIVE, T0.plusSeconds(600))).isTrue();
    assertThat(store.findSchedule("s1").orElseThrow().nextFireAt()).isEqualTo(T0.plusSeconds(600));
    assertThat(store.changeScheduleState("gone", ScheduleState.ACTIVE, ScheduleState.PAUSED, T0)).isFalse();
  }

  @Test
  void dueSchedulesAreTheActiveOnesWhoseTickHasCome() {
    store.insertSchedule(aSchedule("late", T0, T0.minusSeconds(60)));
    store.insertSchedule(aSchedule("now", T0, T0));
    store.insertSchedule(aSchedule("later", T0, T0.plusSeconds(1)));
    store.insertSchedule(aSchedule("paused", T0, T0.minusSeconds(120)));
    store.changeScheduleState("paused", ScheduleState.ACTIVE, ScheduleState.PAUSED, T0.minusSeconds(120));

    assertThat(store.dueSchedules(T0, 10)).extracting(ScheduledJob::id).containsExactly("late", "now");
    assertThat(store.dueSchedules(T0, 1)).extracting(ScheduledJob::id).containsExactly("late");
  }

  @Test
  void aTickIsFiredByOneTransactionWhateverNumberRace() throws Exception {
    Instant tick = T0.plusSeconds(300);
    store.insertSchedule(aSchedule("s1", T0, tick));
    List<String> fired = new CopyOnWriteArrayList<>();

    runConcurrently(8, () -> {
      Job job = Job.queued(dev.gantry.core.engine.Ids.newId(), "alice", aJob().build().spec(), tick, "s1");
      boolean won = store.inTransaction(tx -> {
        if (!tx.advanceSchedule("s1", tick, tick.plusSeconds(300))) {
          return false;
        }
        tx.insertJob(job);
        return true;
      });
      if (won) {
        fired.add(job.id());
      }
      return null;
    });

    assertThat(fired).hasSize(1);
    assertThat(store.findJob(fired.get(0)).orElseThrow().scheduleId()).isEqualTo("s1");
    assertThat(store.findJob(fired.get(0)).orElseThrow().owner()).isEqualTo("alice");
    assertThat(store.listJobs(JobQuery.parse(null, 1, 20)).totalItems()).isEqualTo(1);
    assertThat(store.findSchedule("s1").orElseThrow().nextFireAt()).isEqualTo(tick.plusSeconds(300));
  }

  @Test
  void aPausedOrDeletedScheduleIsNotAdvancedAndAFailedFireLeavesNoTrace() {
    Instant tick = T0.plusSeconds(300);
    store.insertSchedule(aSchedule("s1", T0, tick));
    store.changeScheduleState("s1", ScheduleState.ACTIVE, ScheduleState.PAUSED, tick);
    assertThat(store.<Boolean>inTransaction(tx -> tx.advanceSchedule("s1", tick, tick.plusSeconds(300)))).isFalse();
    assertThat(store.<Boolean>inTransaction(tx -> tx.advanceSchedule("gone", tick, tick.plusSeconds(300)))).isFalse();

    store.changeScheduleState("s1", ScheduleState.PAUSED, ScheduleState.ACTIVE, tick);
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.advanceSchedule("s1", tick, tick.plusSeconds(300));
      throw new IllegalStateException("the job's insert failed");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(store.findSchedule("s1").orElseThrow().nextFireAt()).isEqualTo(tick);
  }

  @Test
  void keepsWhenACancelledJobWasCancelledAndForgetsItOnRestart() {
    Job job = saved(aJob().state(JobState.RUNNING).build());
    Job cancelled = job.cancelled(T0.plusSeconds(3));
    store.inTransaction(tx -> {
      tx.updateJob(cancelled);
      return null;
    });
    assertThat(store.findJob(job.id())).contains(cancelled);
    assertThat(store.findJob(job.id()).orElseThrow().cancelledAt()).isEqualTo(T0.plusSeconds(3));

    store.inTransaction(tx -> {
      tx.updateJob(cancelled.requeued());
      return null;
    });
    assertThat(store.findJob(job.id()).orElseThrow().cancelledAt()).isNull();
  }

  @Test
  void countsJobsByStateAndFollowsTheirTransitions() {
    assertThat(store.jobsByState()).isEmpty();
    saved(aJob().build());
    saved(aJob().build());
    Job running = saved(aJob().state(JobState.RUNNING).build());
    store.inTransaction(tx -> {
      tx.updateJob(running.succeeded("done", T0.plusSeconds(1)));
      return null;
    });
    saved(aJob().state(JobState.FAILED).build());

    assertThat(store.jobsByState()).isEqualTo(Map.of(JobState.QUEUED, 2L, JobState.SUCCEEDED, 1L, JobState.FAILED, 1L));
  }

  @Test
  void keepsAJobWithItsWholeSpec() {
    Job job = saved(aJob().name("release").description("builds and ships").tags("nightly", "arm64")
        .env(Map.of("STAGE", "prod")).tasks(TestJobs.fullTask(), TestJobs.task("second")).build());

    assertThat(store.findJob(job.id())).contains(job);
    assertThat(store.findJob("no-such-job")).isEmpty();
  }

  @Test
  void keepsAJobsInputsOutputAndThatItIsTemplated() {
    JobSpec spec = new JobSpec("templated", null, List.of(), Map.of(), List.of(TestJobs.fullTask()), null, null, null,
        Map.of("build", "yes", "who", "wörld"), "{{ tasks.compiled }}", true);
    Job job = saved(Job.queued(TestJobs.newId(), spec, T0));
    assertThat(store.findJob(job.id())).contains(job);
  }

  @Test
  void keepsAJobsSecretsInTheirOwnColumnOnlySealed() throws SQLException {
    store.close();
    StoreSettings settings = emptyDatabase();
    store = JdbcStore.open(TestKeys.keyed(settings));
    JobSpec spec = new JobSpec("secretive", null, List.of(), Map.of(), List.of(TestJobs.task("t")), null, null, null,
        Map.of(), null, true, Map.of("token", "s3cr3t-value", "other", "x\"y"));
    // An owned job: its owner and its secrets each keep their own column.
    Job job = saved(Job.queued(TestJobs.newId(), "alice", spec, T0));
    Job plain = saved(aJob().build());

    assertThat(store.findJob(job.id())).contains(job);
    assertThat(store.findJob(job.id()).orElseThrow().owner()).isEqualTo("alice");
    assertThat(store.findJob(plain.id()).orElseThrow().spec().secrets()).isEmpty();
    try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        PreparedStatement read = connection.prepareStatement("select spec, secrets from jobs where id = ?")) {
      read.setString(1, job.id());
      try (var row = read.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString("spec")).doesNotContain("s3cr3t-value");
        assertThat(row.getString("secrets")).startsWith(SecretCipher.PREFIX + TestKeys.CIPHER.keyId() + ":")
            .doesNotContain("s3cr3t-value", "token");
      }
    }
  }

  @Test
  void refusesToOpenADatabaseWhoseSecretsAnotherKeySealed() {
    store.close();
    StoreSettings settings = emptyDatabase();
    store = JdbcStore.open(settings.withSecretCipher(TestKeys.CIPHER));
    store.close();

    assertThatThrownBy(() -> JdbcStore.open(settings.withSecretCipher(TestKeys.OTHER)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("sealed with the secret key " + TestKeys.CIPHER.keyId())
        .hasMessageContaining("another key (" + TestKeys.OTHER.keyId() + ")")
        .hasMessageContaining("GANTRY_SECRET_KEY")
        .hasMessageNotContaining(TestKeys.OTHER_KEY);
    store = JdbcStore.open(settings.withSecretCipher(TestKeys.CIPHER));
  }

  @Test
  void aStoreWithoutAKeyRefusesToKeepSecretsInClear() {
    store.close();
    store = JdbcStore.open(emptyDatabase());
    JobSpec spec = new JobSpec("secretive", null, List.of(), Map.of(), List.of(TestJobs.task("t")), null, null, null,
        Map.of(), null, true, Map.of("token", "s3cr3t-value"));
    Job job = Job.queued(TestJobs.newId(), "alice", spec, T0);

    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.insertJob(job);
      return null;
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("without a secret key");
    assertThat(store.findJob(job.id())).isEmpty();
  }

  @Test
  void sealsTheSecretsThatVersion11To16KeptInClear() throws SQLException {
    store.close();
    StoreSettings settings = emptyDatabase();
    Flyway.configure()
        .dataSource(settings.url(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .placeholders(SqlDialect.forUrl(settings.url()).migrationPlaceholders())
        .javaMigrations(new JobWordsMigration())
        .target("16")
        .load()
        .migrate();
    Job job = aJob().build();
    try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        PreparedStatement insert = connection.prepareStatement("""
            insert into jobs (id, name, state, spec, created_at, position, secrets) values (?, ?, ?, ?, ?, ?, ?)""")) {
      insert.setString(1, job.id());
      insert.setString(2, job.name());
      insert.setString(3, job.state().name());
      insert.setString(4, SpecJson.write(job.spec()));
      insert.setObject(5, Timestamps.toSql(job.createdAt()));
      insert.setInt(6, job.position());
      insert.setString(7, "{\"token\":\"old-clear-value\"}");
      insert.executeUpdate();
    }
    ScheduledJob schedule = aSchedule("s1", T0, T0.plusSeconds(60));
    JobSpec secretive = schedule.spec().withSecrets(Map.of("token", "old-clear-value"));
    try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        PreparedStatement insert = connection.prepareStatement("""
            insert into scheduled_jobs (id, spec, cron, state, created_at, next_fire_at, owner) values (?, ?, ?, ?, ?, ?, ?)""")) {
      insert.setString(1, "s1");
      insert.setString(2, SpecJson.write(secretive)); // as versions 13 to 16 wrote it: the secrets inside the spec
      insert.setString(3, schedule.cron());
      insert.setString(4, schedule.state().name());
      insert.setObject(5, Timestamps.toSql(schedule.createdAt()));
      insert.setObject(6, Timestamps.toSql(schedule.nextFireAt()));
      insert.setString(7, "alice");
      insert.executeUpdate();
    }

    store = JdbcStore.open(TestKeys.keyed(settings));

    assertThat(store.findSchedule("s1").orElseThrow().spec().secrets()).containsExactly(Map.entry("token", "old-clear-value"));
    try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        PreparedStatement read = connection.prepareStatement("select spec, secrets from scheduled_jobs where id = 's1'")) {
      try (var row = read.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString("spec")).doesNotContain("old-clear-value");
        assertThat(row.getString("secrets")).startsWith(SecretCipher.PREFIX).doesNotContain("old-clear-value");
      }
    }

    assertThat(store.findJob(job.id()).orElseThrow().spec().secrets()).containsExactly(Map.entry("token", "old-clear-value"));
    try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        PreparedStatement read = connection.prepareStatement("select secrets from jobs where id = ?")) {
      read.setString(1, job.id());
      try (var row = read.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1)).startsWith(SecretCipher.PREFIX).doesNotContain("old-clear-value");
      }
    }
  }

  @Test
  void listsOnlyTheJobsAViewersGranteesMaySeeWithTotalsAndPagesOfThoseOnly() {
    List<String> visible = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Job own = saved(aJob().name("nightly own " + i).tags("ci").createdAt(T0.plusSeconds(4L * i)).ownedBy("bob").build());
      saved(aJob().name("nightly other " + i).tags("ci").createdAt(T0.plusSeconds(4L * i + 1)).ownedBy("alice").build());
      Job shared = saved(aJob().name("nightly shared " + i).createdAt(T0.plusSeconds(4L * i + 2))
          .ownedBy("alice", i % 2 == 0 ? "*" : "role:devs").build());
      visible.add(own.name());
      visible.add(shared.name());
    }
    Collections.reverse(visible);
    Set<String> bob = Set.of("*", "user:bob", "role:devs");

    Page<Job> first = store.listJobs(JobQuery.parse(null, 1, 5).visibleTo(bob));
    assertThat(first.totalItems()).isEqualTo(14);
    assertThat(first.items()).extracting(Job::name).containsExactlyElementsOf(visible.subList(0, 5));
    // A page in the older half is found from the oldest end: the same filter there.
    assertThat(store.listJobs(JobQuery.parse(null, 3, 5).visibleTo(bob)).items()).extracting(Job::name)
        .containsExactlyElementsOf(visible.subList(10, 14));
    Page<Job> words = store.listJobs(JobQuery.parse("nightly", 2, 4).visibleTo(bob));
    assertThat(words.totalItems()).isEqualTo(14);
    assertThat(words.items()).extracting(Job::name).containsExactlyElementsOf(visible.subList(4, 8));
    assertThat(store.listJobs(JobQuery.parse("tag:ci", 1, 20).visibleTo(bob)).totalItems()).isEqualTo(7);
    assertThat(store.listJobs(JobQuery.parse("other", 1, 20).visibleTo(bob)).totalItems()).isZero();
    assertThat(store.listJobs(JobQuery.parse(null, 1, 20).visibleTo(Set.of("*", "user:carol"))).totalItems()).isEqualTo(4);
    assertThat(store.listJobs(JobQuery.parse(null, 1, 20)).totalItems()).isEqualTo(21);
    // Counts by state for metrics, filtered the same way (a job two grantees name counts once).
    assertThat(store.jobsByState(bob)).isEqualTo(Map.of(JobState.QUEUED, 14L));
    assertThat(store.jobsByState(Set.of("*", "user:carol"))).isEqualTo(Map.of(JobState.QUEUED, 4L));
    assertThat(store.findJob(first.items().get(0).id()).orElseThrow().spec().access())
        .isEqualTo(first.items().get(0).spec().access());
  }

  @Test
  void keepsUsersPasswordHashesAndRolesWhoseMembersJobAccessFinds() {
    dev.gantry.core.spi.UserStore users = (dev.gantry.core.spi.UserStore) store;
    assertThat(users.insertUser("alice", "pbkdf2-sha256$1$c2FsdA$aGFzaA", T0)).isTrue();
    assertThat(users.insertUser("alice", "another", T0)).isFalse();
    assertThat(users.passwordHash("alice")).contains("pbkdf2-sha256$1$c2FsdA$aGFzaA");
    assertThat(users.passwordHash("nobody")).isEmpty();

    assertThat(users.insertRole("devs", T0)).isTrue();
    assertThat(users.insertRole("devs", T0)).isFalse();
    assertThat(users.addMember("devs", "alice", T0)).isTrue();
    assertThat(users.addMember("devs", "bob", T0)).as("a user of tokens only, not known yet").isTrue();
    assertThat(users.addMember("devs", "bob", T0)).isTrue();
    assertThat(users.addMember("ops", "bob", T0)).isFalse();
    assertThat(users.findRole("devs").orElseThrow().members()).containsExactlyInAnyOrder("alice", "bob");
    assertThat(users.passwordHash("bob")).isEmpty();
    assertThat(store.rolesOf("bob")).containsExactly("devs");

    assertThat(users.removeMember("devs", "alice")).isTrue();
    assertThat(users.removeMember("devs", "alice")).isFalse();
    assertThat(store.rolesOf("alice")).isEmpty();
    assertThat(users.deleteRole("devs")).isTrue();
    assertThat(users.deleteRole("devs")).isFalse();
    assertThat(store.rolesOf("bob")).isEmpty();
    assertThat(users.roles()).isEmpty();
  }

  @Test
  void aRunsContainerStartIsKeptOnceAndItsStopAfterACancelOnce() {
    Job job = saved(aJob().build());
    TaskRun first = TaskRun.queued(TestJobs.newId(), job.id(), 1, 1, 0, 0, "first", "default", T0);
    TaskRun second = TaskRun.queued(TestJobs.newId(), job.id(), 2, 1, 0, 0, "second", "default", T0);
    store.inTransaction(tx -> {
      tx.insertRuns(List.of(first, second));
      return null;
    });

    store.containerStarted(second.id(), job.id(), T0.plusSeconds(2));
    store.containerStarted(first.id(), job.id(), T0.plusSeconds(1));
    store.containerStarted(first.id(), job.id(), T0.plusSeconds(5)); // its post task's container: the first start counts
    store.containerStarted("0".repeat(32), job.id(), T0); // a run that is gone: nothing to record, no error
    store.containerStopped(first.id(), T0.plusSeconds(3));
    store.containerStopped(first.id(), T0.plusSeconds(9));

    assertThat(store.containersOf(job.id())).containsExactly(
        new RunContainer(first.id(), job.id(), T0.plusSeconds(1), T0.plusSeconds(3)),
        new RunContainer(second.id(), job.id(), T0.plusSeconds(2), null));
    assertThat(store.containersOf(TestJobs.newId())).isEmpty();
  }

  @Test
  void aRunKeepsTheTaskItRunsAsEvaluatedThroughClaimAndEnd() {
    Job job = saved(aJob().build());
    TaskSpec evaluated = TestJobs.fullTask().withTexts("compile v2", "busybox:1.36", "default", Map.of("V", "2"),
        List.of("echo", "2"), List.of(), "true");
    TaskRun queued = TaskRun.queued(TestJobs.newId(), job.id(), 1, 1, 0, 0, evaluated, evaluated.name(), "default", T0);
    TaskRun plain = TaskRun.queued(TestJobs.newId(), job.id(), 2, 1, 0, 0, "second", "default", T0.plusSeconds(1));
    store.inTransaction(tx -> {
      tx.insertRuns(List.of(queued, plain));
      return null;
    });
    TaskRun claimed = store.claimNext(Set.of("default"), "node-1", T0, T0.plusSeconds(30)).orElseThrow();
    assertThat(claimed.task()).isEqualTo(evaluated);
    store.inTransaction(tx -> {
      tx.updateRun(claimed.finished(RunState.SUCCEEDED, 0, "ok", null, T0.plusSeconds(1)));
      return null;
    });
    assertThat(store.runsOf(job.id())).extracting(TaskRun::task).containsExactly(evaluated, null);
    assertThat(store.findRun(queued.id()).orElseThrow().task()).isEqualTo(evaluated);
  }

  @Test
  void keepsTheRowsOfAJobsTreeAndFindsWhatRunsBelowANode() {
    Job job = saved(aJob().build());
    Job other = saved(aJob().build());
    NodePath parallel = NodePath.top(1);
    NodePath each = parallel.child(0);
    CompositeNode eachRow = CompositeNode.started(job.id(), each, NodeKind.EACH, 3, List.of(1L, "two", Map.of("k", "v")));
    CompositeNode root = CompositeNode.root(job.id(), Map.of("a", "1"));
    TaskRun top = TaskRun.queued(TestJobs.newId(), job.id(), 2, 1, 0, 0, "top", "default", T0);
    TaskRun below = TaskRun.queued(TestJobs.newId(), job.id(), each.child(2), 1, 0, 0, null, "below", "default", T0);
    TaskRun beside = TaskRun.queued(TestJobs.newId(), job.id(), parallel.child(1), 1, 0, 0, null, "beside", "default", T0);
    TaskRun elsewhere = TaskRun.queued(TestJobs.newId(), other.id(), each.child(2), 1, 0, 0, null, "x", "default", T0);
    store.inTransaction(tx -> {
      tx.saveNodes(List.of(CompositeNode.started(job.id(), parallel, NodeKind.PARALLEL, 2, List.of()), eachRow, root));
      tx.saveNodes(List.of(CompositeNode.started(other.id(), each, NodeKind.EACH, 1, List.of())));
      tx.insertRuns(List.of(top, below, beside, elsewhere));
      return null;
    });
    store.inTransaction(tx -> {
      tx.lockJob(job.id());
      tx.saveNodes(List.of(eachRow.startedOne().completedOne(), root.withResults(Map.of("a", "1", "b", "2"))));
      return null;
    });
    store.inTransaction(tx -> {
      assertThat(tx.nodes(job.id(), List.of(NodePath.ROOT, parallel, each, each.child(0))))
          .extracting(CompositeNode::path).containsExactlyInAnyOrder(NodePath.ROOT, parallel, each);
      CompositeNode read = tx.nodes(job.id(), List.of(each)).get(0);
      assertThat(read.items()).as("read one at a time, not with the row").isEmpty();
      assertThat(tx.eachItem(job.id(), each, 1)).isEqualTo("two");
      assertThat(tx.eachItem(job.id(), each, 2)).isEqualTo(Map.of("k", "v"));
      assertThat(tx.eachItem(job.id(), each, 0)).isEqualTo(1);
      assertThat(List.of(read.next(), read.completed(), read.total())).containsExactly(1, 1, 3);
      assertThat(tx.nodes(job.id(), List.of(NodePath.ROOT)).get(0).results()).containsEntry("b", "2");
      assertThat(tx.activeRuns(job.id(), each)).extracting(TaskRun::name).containsExactly("below");
      assertThat(tx.activeRuns(job.id(), parallel)).extracting(TaskRun::name).containsExactlyInAnyOrder("below", "beside");
      assertThat(tx.activeRuns(job.id(), null)).hasSize(3);
      assertThat(tx.runningNodes(job.id(), parallel)).extracting(CompositeNode::path).containsExactly(each);
      assertThat(tx.runningNodes(job.id(), null)).extracting(CompositeNode::path).containsExactlyInAnyOrder(parallel, each);
      assertThat(tx.findRun(below.id()).orElseThrow().path()).isEqualTo(each.child(2));
      tx.deleteNodes(job.id(), parallel);
      assertThat(tx.nodes(job.id(), List.of(NodePath.ROOT, parallel, each))).extracting(CompositeNode::path)
          .containsExactly(NodePath.ROOT);
      assertThat(tx.eachItem(job.id(), each, 1)).as("removed with its row").isNull();
      assertThat(tx.nodes(other.id(), List.of(each))).hasSize(1);
      return null;
    });
    assertThat(store.runsOf(job.id())).extracting(TaskRun::name).as("tree order").containsExactly("below", "beside", "top");
    assertThat(store.runsOf(job.id()).get(2).path()).isEqualTo(NodePath.top(2));
  }

  @Test
  void aSubjobKeepsItsParentAndRootAndItsRunsTheirRoot() {
    Job parent = saved(aJob().build());
    Job child = saved(aJob().build().under(new JobParent(parent.id(), NodePath.top(2).child(1), parent.id())));
    TaskRun run = TaskRun.queued(TestJobs.newId(), child.id(), 1, 1, 0, 0, "t", "default", T0).inTree(parent.id());
    store.inTransaction(tx -> {
      tx.insertRun(run);
      return null;
    });
    Job read = store.findJob(child.id()).orElseThrow();
    assertThat(read.parent()).isEqualTo(new JobParent(parent.id(), NodePath.decode("00001.00001"), parent.id()));
    assertThat(read.rootId()).isEqualTo(parent.id());
    assertThat(store.findJob(parent.id()).orElseThrow().parent()).isNull();
    assertThat(store.findRun(run.id()).orElseThrow().rootJobId()).isEqualTo(parent.id());
    TaskRun claimed = store.claimNext(Set.of("default"), "n", T0, T0.plusSeconds(30)).orElseThrow();
    assertThat(claimed.lockedJobId()).isEqualTo(parent.id());
    CompositeNode waiting = CompositeNode.started(parent.id(), NodePath.top(2), NodeKind.SUBJOB, 1, List.of())
        .withResults(Map.of("job", child.id()));
    store.inTransaction(tx -> {
      tx.saveNodes(List.of(waiting));
      return null;
    });
    List<CompositeNode> running = store.inTransaction(tx -> tx.runningNodes(parent.id(), null));
    assertThat(running).containsExactly(waiting);
  }

  @Test
  void returnsInstantsTruncatedToMicroseconds() {
    Instant withNanos = Instant.parse("2025-03-01T10:00:00.123456789Z");
    Job job = saved(aJob().createdAt(withNanos).build());

    assertThat(store.findJob(job.id()).orElseThrow().createdAt()).isEqualTo("2025-03-01T10:00:00.123456Z");
  }

  @Test
  void updatesEveryFieldOfAJob() {
    Job job = saved(aJob().tasks(TestJobs.task("a"), TestJobs.task("b")).build());
    Job failed = job.running(T0.plusSeconds(1)).atPosition(2).failed(JobState.TIMED_OUT, "too slow", T0.plusSeconds(9));

    store.inTransaction(tx -> {
      tx.updateJob(failed);
      return null;
    });

    assertThat(store.findJob(job.id())).contains(failed);
  }

  @Test
  void anUpdateOfAJobNotLockedFirstMovesItsStateWordToo() {
    Job job = saved(aJob().name("nightly").build());

    store.inTransaction(tx -> {
      tx.updateJob(job.running(T0.plusSeconds(1)));
      return null;
    });

    assertThat(List.of(names("queued"), names("running"))).containsExactly(List.of(), List.of("nightly"));
  }

  @Test
  void anUpdateOfAJobThatIsNotStoredFailsAndWritesNothing() {
    Job never = aJob().name("phantom").build();

    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.updateJob(never.running(T0.plusSeconds(1)));
      return null;
    })).hasMessageContaining("job " + never.id() + " cannot be updated: it is not in the store");

    assertThat(store.findJob(never.id())).isEmpty();
    assertThat(names("phantom")).isEmpty();
  }

  @Test
  void lockJobReadsTheJobOrNothing() {
    Job job = saved(aJob().build());

    Optional<Job> locked = store.inTransaction(tx -> tx.lockJob(job.id()));
    Optional<Job> missing = store.inTransaction(tx -> tx.lockJob("no-such-job"));

    assertThat(locked).contains(job);
    assertThat(missing).isEmpty();
  }

  @Test
  void lockJobSerialisesChangesToAJob() throws Exception {
    Job job = saved(aJob().build());
    int threads = 8;
    int incrementsEach = 10;

    // Read-modify-write under the lock: a lost update would leave the position short.
    runConcurrently(threads, () -> {
      for (int i = 0; i < incrementsEach; i++) {
        store.inTransaction(tx -> {
          Job locked = tx.lockJob(job.id()).orElseThrow();
          tx.updateJob(locked.atPosition(locked.position() + 1));
          return null;
        });
      }
      return null;
    });

    assertThat(store.findJob(job.id()).orElseThrow().position()).isEqualTo(1 + threads * incrementsEach);
  }

  @Test
  void returnsWhatTheTransactionReturns() {
    Job job = aJob().build();

    String result = store.inTransaction(tx -> {
      tx.insertJob(job);
      return "done";
    });

    assertThat(result).isEqualTo("done");
    assertThat(store.findJob(job.id())).isPresent();
  }

  @Test
  void rollsBackEverythingWhenTheWorkThrows() {
    Job job = aJob().build();
    TaskRun run = aRun(job).build();
    IllegalStateException failure = new IllegalStateException("changed my mind");

    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.insertJob(job);
      tx.insertRun(run);
      throw failure;
    })).isSameAs(failure);

    assertThat(store.findJob(job.id())).isEmpty();
    assertThat(store.findRun(run.id())).isEmpty();
    assertThat(store.listJobs(JobQuery.parse("", 1, 10)).totalItems()).isZero();
  }

  @Test
  void databaseErrorsBecomeStoreExceptionsAndRollBack() {
    Job job = saved(aJob().name("original").build());
    Job other = aJob().name("other").build();

    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.insertJob(other);
      tx.insertJob(aJob().id(job.id()).name("duplicate").build());
      return null;
    })).isInstanceOf(StoreException.class);

    assertThat(store.findJob(job.id()).orElseThrow().name()).isEqualTo("original");
    assertThat(store.findJob(other.id())).isEmpty();
  }

  // --- task runs

  @Test
  void keepsAndUpdatesRuns() {
    Job job = saved(aJob().build());
    TaskRun run = saved(aRun(job).queue("gpu").build());
    assertThat(store.findRun(run.id())).contains(run);

    TaskRun done = run.claimed("node-1", T0.plusSeconds(1), T0.plusSeconds(31))
        .finished(RunState.FAILED, 3, "partial output", "exit code 3", T0.plusSeconds(5));
    store.inTransaction(tx -> {
      tx.updateRun(done);
      return null;
    });

    assertThat(store.findRun(run.id())).contains(done);
    assertThat(store.findRun("no-such-run")).isEmpty();
  }

  @Test
  void listsTheRunsOfAJobByPositionThenAttempt() {
    Job job = saved(aJob().tasks(TestJobs.task("a"), TestJobs.task("b")).build());
    TaskRun secondTask = saved(aRun(job).position(2).attempt(1).build());
    TaskRun retry = saved(aRun(job).position(1).attempt(2).build());
    TaskRun first = saved(aRun(job).position(1).attempt(1).build());
    saved(aRun(saved(aJob().build())).build());

    List<TaskRun> inTransaction = store.inTransaction(tx -> tx.runsOf(job.id()));

    assertThat(store.runsOf(job.id())).containsExactly(first, retry, secondTask);
    assertThat(inTransaction).containsExactly(first, retry, secondTask);
  }

  // --- the queue

  @Test
  void claimsTheOldestQueuedRunFirst() {
    Job job = saved(aJob().build());
    TaskRun newest = saved(aRun(job).createdAt(T0.plusSeconds(2)).build());
    TaskRun tiedB = saved(aRun(job).id("run-b").createdAt(T0.plusSeconds(1)).build());
    TaskRun oldest = saved(aRun(job).createdAt(T0).build());
    TaskRun tiedA = saved(aRun(job).id("run-a").createdAt(T0.plusSeconds(1)).build());

    assertThat(claimIds(Set.of("default"), 5)).containsExactly(oldest.id(), tiedA.id(), tiedB.id(), newest.id());
  }

  @Test
  void claimsOnlyQueuedRunsOfTheGivenQueues() {
    Job job = saved(aJob().build());
    TaskRun gpu = saved(aRun(job).queue("gpu").build());
    saved(aRun(job).state(RunState.CANCELLED).build());
    saved(aRun(job).state(RunState.SUCCEEDED).build());

    assertThat(store.claimNext(Set.of("default"), "node-1", T0, T0.plusSeconds(30))).isEmpty();
    assertThat(store.claimNext(Set.of(), "node-1", T0, T0.plusSeconds(30))).isEmpty();
    assertThat(store.claimNext(Set.of("default", "gpu"), "node-1", T0, T0.plusSeconds(30)))
        .map(TaskRun::id).contains(gpu.id());
  }

  @Test
  void claimsTheOldestRunAcrossTheGivenQueues() {
    Job job = saved(aJob().build());
    TaskRun third = saved(aRun(job).queue("default").createdAt(T0.plusSeconds(2)).build());
    TaskRun first = saved(aRun(job).queue("gpu").createdAt(T0).build());
    TaskRun second = saved(aRun(job).queue("default").createdAt(T0.plusSeconds(1)).build());
    saved(aRun(job).queue("arm").createdAt(T0.minusSeconds(1)).build());

    assertThat(claimIds(Set.of("default", "gpu"), 4)).containsExactly(first.id(), second.id(), third.id());
  }

  @Test
  void aClaimedRunIsRunningOnTheNodeWithALease() {
    Job job = saved(aJob().build());
    TaskRun run = saved(aRun(job).build());
    Instant now = Instant.parse("2025-03-01T11:00:00.123456789Z");

    TaskRun claimed = store.claimNext(Set.of("default"), "node-1", now, now.plusSeconds(30)).orElseThrow();

    assertThat(claimed).isEqualTo(run.claimed("node-1", Timestamps.stored(now), Timestamps.stored(now.plusSeconds(30))));
    assertThat(store.findRun(run.id())).contains(claimed);
    assertThat(store.claimNext(Set.of("default"), "node-2", now, now.plusSeconds(30))).isEmpty();
  }

  @Test
  void concurrentClaimersNeverGetTheSameRun() throws Exception {
    Set<String> queued = new HashSet<>();
    for (int j = 0; j < 20; j++) {
      Job job = saved(aJob().build());
      for (int r = 0; r < 15; r++) {
        queued.add(saved(aRun(job).createdAt(T0.plusMillis(r)).build()).id());
      }
    }
    List<String> claimed = new CopyOnWriteArrayList<>();

    runConcurrently(8, () -> {
      String node = "node-" + Thread.currentThread().getId();
      for (Optional<TaskRun> run = claim(node); run.isPresent(); run = claim(node)) {
        claimed.add(run.get().id());
      }
      return null;
    });

    assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
  }

  // --- leases

  @Test
  void renewsOnlyTheLeaseOfARunningRunOnTheSameNode() {
    Job job = saved(aJob().build());
    TaskRun run = saved(aRun(job).build());
    TaskRun claimed = store.claimNext(Set.of("default"), "node-1", T0, T0.plusSeconds(30)).orElseThrow();

    assertThat(store.renewLease(run.id(), "node-1", T0.plusSeconds(60))).isTrue();
    assertThat(store.findRun(run.id()).orElseThrow().leaseUntil()).isEqualTo(T0.plusSeconds(60));
    assertThat(store.renewLease(run.id(), "node-2", T0.plusSeconds(90))).isFalse();
    assertThat(store.renewLease("no-such-run", "node-1", T0.plusSeconds(90))).isFalse();

    store.inTransaction(tx -> {
      tx.updateRun(claimed.finished(RunState.CANCELLED, null, null, "cancelled", T0.plusSeconds(5)));
      return null;
    });
    assertThat(store.renewLease(run.id(), "node-1", T0.plusSeconds(90))).isFalse();
  }

  @Test
  void aNodeIdTakenOverByANewProcessLeavesTheOldOneNoLeaseToRenew() {
    Job job = saved(aJob().build());
    TaskRun run = saved(aRun(job).build());
    store.saveNode(dev.gantry.core.cluster.Node.starting("node-1", dev.gantry.core.cluster.NodeRole.WORKER, "host", "dev",
        Set.of("default"), T0, Duration.ofSeconds(5)));
    long first = store.takeOverNode("node-1", T0);
    store.claimNext(Set.of("default"), "node-1", T0, T0.plusSeconds(30)).orElseThrow();
    assertThat(store.renewLease(run.id(), "node-1", first, T0.plusSeconds(60))).isTrue();

    long second = store.takeOverNode("node-1", T0); // a clock behind the first's: the epoch still rises
    store.saveNode(dev.gantry.core.cluster.Node.starting("node-1", dev.gantry.core.cluster.NodeRole.WORKER, "host", "dev",
        Set.of("default"), T0.plusSeconds(1), Duration.ofSeconds(5))); // its heartbeat keeps the epoch

    assertThat(second).isGreaterThan(first);
    assertThat(store.nodeEpoch("node-1")).isEqualTo(second);
    assertThat(store.renewLease(run.id(), "node-1", first, T0.plusSeconds(90))).as("the old process").isFalse();
    assertThat(store.renewLease(run.id(), "node-1", second, T0.plusSeconds(90))).as("the new process").isTrue();
    assertThat(store.findRun(run.id()).orElseThrow().leaseUntil()).isEqualTo(T0.plusSeconds(90));
    assertThat(store.takeOverNode("no-such-node", T0)).isZero();
  }

  @Test
  void findsRunningRunsWhoseLeaseEnded() {
    Job job = saved(aJob().build());
    TaskRun early = saved(aRun(job).createdAt(T0).build());
    TaskRun late = saved(aRun(job).createdAt(T0.plusSeconds(1)).build());
    TaskRun finished = saved(aRun(job).createdAt(T0.plusSeconds(2)).build());
    saved(aRun(job).createdAt(T0.plusSeconds(3)).build()); // stays QUEUED: no lease
    TaskRun earlyClaimed = store.claimNext(Set.of("default"), "node-1", T0, T0.plusSeconds(10)).orElseThrow();
    store.claimNext(Set.of("default"), "node-1", T0, T0.plusSeconds(100)).orElseThrow();
    TaskRun doneClaimed = store.claimNext(Set.of("default"), "node-1", T0, T0.plusSeconds(10)).orElseThrow();
    store.inTransaction(tx -> {
      tx.updateRun(doneClaimed.finished(RunState.SUCCEEDED, 0, null, null, T0.plusSeconds(5)));
      return null;
    });

    assertThat(store.expiredLeases(T0.plusSeconds(50))).containsExactly(earlyClaimed);
    assertThat(store.expiredLeases(T0.plusSeconds(10))).isEmpty(); // a lease ending now has not expired
    assertThat(store.expiredLeases(T0.plusSeconds(500))).extracting(TaskRun::id).containsExactly(early.id(), late.id());
    assertThat(doneClaimed.id()).isEqualTo(finished.id()); // the claims went in creation order
  }

  // --- queues

  @Test
  void countsQueuedAndRunningRunsPerQueue() {
    Job job = saved(aJob().build());
    saved(aRun(job).queue("gpu").build());
    saved(aRun(job).queue("gpu").build());
    saved(aRun(job).queue("gpu").state(RunState.SUCCEEDED).build());
    saved(aRun(job).queue("arm").state(RunState.CANCELLED).build());
    saved(aRun(job).build());
    store.claimNext(Set.of("default"), "node-1", T0, T0.plusSeconds(30)).orElseThrow();

    assertThat(store.queueLoads()).containsExactlyInAnyOrder(new QueueLoad("gpu", 2, 0), new QueueLoad("default", 0, 1));
  }

  @Test
  void listsTheJobsWithARunQueuedInAQueue() {
    Job twice = saved(aJob().build());
    saved(aRun(twice).queue("gpu").build());
    saved(aRun(twice).queue("gpu").position(2).build());
    Job once = saved(aJob().build());
    saved(aRun(once).queue("gpu").build());
    saved(aRun(saved(aJob().build())).queue("gpu").state(RunState.FAILED).build());
    saved(aRun(saved(aJob().build())).queue("default").build());

    assertThat(store.jobsQueuedIn("gpu")).containsExactlyInAnyOrder(twice.id(), once.id());
    assertThat(store.jobsQueuedIn("nowhere")).isEmpty();
  }

  // --- nodes

  @Test
  void registersANodeAndRecordsItsHeartbeats() {
    Node worker = aNode("w1", "default", "gpu");
    Node server = Node.starting("s1", NodeRole.SERVER, "host-b", "1.0", Set.of(), T0.plusSeconds(1), Duration.ofSeconds(5));
    store.saveNode(worker);
    store.saveNode(server);
    Node beat = worker.heartbeat(T0.plusSeconds(5), Duration.ofSeconds(5), 12.5, 3);
    store.saveNode(beat);

    assertThat(store.nodes()).containsExactly(beat, server);
    assertThat(store.nodes().get(1).queues()).isEmpty();
  }

  @Test
  void marksNodesOfflineOnceTheirHeartbeatsStop() {
    Node silent = aNode("silent", "default");
    Node alive = aNode("alive", "default");
    store.saveNode(silent);
    store.saveNode(alive.heartbeat(T0.plusSeconds(30), Duration.ofSeconds(5), 0, 0));
    Instant later = silent.aliveUntil().plusMillis(1);

    assertThat(store.markNodesOffline(silent.aliveUntil())).isEmpty(); // alive until then, not after
    assertThat(store.markNodesOffline(later)).containsExactly(silent);
    assertThat(store.markNodesOffline(later)).isEmpty();
    assertThat(store.nodes()).extracting(Node::id, Node::status)
        .containsExactlyInAnyOrder(tuple("silent", NodeStatus.OFFLINE), tuple("alive", NodeStatus.UP));
  }

  @Test
  void forgetsOfflineNodesLastHeardFromLongAgo() {
    store.saveNode(aNode("left-long-ago", "default").offline(T0));
    store.saveNode(aNode("left-lately", "default").offline(T0.plusSeconds(3600)));
    store.saveNode(aNode("up", "default"));

    assertThat(store.forgetNodes(T0.plusSeconds(60))).isEqualTo(1);
    assertThat(store.nodes()).extracting(Node::id).containsExactly("left-lately", "up");
  }

  // --- listing and search

  @Test
  void listsJobsNewestFirstInPages() {
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      jobs.add(saved(aJob().name("job " + i).createdAt(T0.plusSeconds(i % 5 == 0 ? 0 : i)).build()));
    }
    List<Job> together = IntStream.range(20, 25).mapToObj(i -> aJob().name("job " + i).createdAt(T0.plusSeconds(i)).build()).toList();
    store.inTransaction(tx -> {
      together.forEach(tx::insertJob);
      return null;
    });
    jobs.addAll(together);
    List<Job> newestFirst = new ArrayList<>(jobs);
    newestFirst.sort((a, b) -> a.createdAt().equals(b.createdAt())
        ? b.id().compareTo(a.id()) : b.createdAt().compareTo(a.createdAt()));

    Page<Job> first = store.listJobs(JobQuery.parse(null, 1, 10));
    Page<Job> last = store.listJobs(JobQuery.parse(null, 3, 10));

    assertThat(first.items()).containsExactlyElementsOf(newestFirst.subList(0, 10));
    assertThat(last.items()).containsExactlyElementsOf(newestFirst.subList(20, 25));
    assertThat(List.of(first.totalItems(), last.totalItems(), (long) first.number(), (long) last.size()))
        .containsExactly(25L, 25L, 1L, 10L);
    assertThat(store.listJobs(JobQuery.parse(null, 4, 10)).items()).isEmpty();
  }

  @Test
  void pagesStayExactAcrossTiesOnCreationTime() {
    // 3 jobs per instant: the id breaks the tie, so no job is on two pages or on none.
    List<Job> jobs = IntStream.range(0, 31)
        .mapToObj(i -> aJob().name("batch " + (i % 2 == 0 ? "even" : "odd")).createdAt(T0.plusSeconds(i / 3)).build())
        .toList();
    store.inTransaction(tx -> {
      jobs.forEach(tx::insertJob);
      return null;
    });
    List<Job> newestFirst = newestFirst(jobs);
    List<Job> odd = newestFirst.stream().filter(job -> job.name().endsWith("odd")).toList();

    assertThat(allPages(null, 4, 8)).containsExactlyElementsOf(newestFirst);
    assertThat(allPages("batch", 5, 7)).containsExactlyElementsOf(newestFirst);
    assertThat(allPages("odd batch", 3, 5)).containsExactlyElementsOf(odd);
    Page<Job> third = store.listJobs(JobQuery.parse("batch", 3, 7));
    assertThat(third.items()).containsExactlyElementsOf(newestFirst.subList(14, 21));
    assertThat(List.of(third.totalItems(), store.listJobs(JobQuery.parse("odd batch", 9, 5)).totalItems()))
        .containsExactly(31L, 15L);
  }

  @Test
  void everyWordMustOccurInNameDescriptionOrState() {
    Job build = saved(aJob().name("Nightly Build").description("compiles the Kernel").build());
    Job deploy = saved(aJob().name("deploy").description("ships the kernel").state(JobState.RUNNING).build());
    saved(aJob().name("lint").build());

    assertThat(names("BUILD")).containsExactly(build.name());
    assertThat(names("kernel")).containsExactlyInAnyOrder(build.name(), deploy.name());
    assertThat(names("kernel running")).containsExactly(deploy.name());
    assertThat(names("kernel queued nightly")).containsExactly(build.name());
    assertThat(names("kernel lint")).isEmpty();
    assertThat(store.listJobs(JobQuery.parse("kernel", 1, 1)).totalItems()).isEqualTo(2);
    assertThat(store.listJobs(JobQuery.parse("kernel queued", 1, 1)).totalItems()).isEqualTo(1);
  }

  @Test
  void aSearchWhoseTextHasNoWordMatchesNothingAsInTork() {
    saved(aJob().name("100% done").build());
    saved(aJob().name("a_b\\c").tags("ci").build());
    saved(aJob().name("%").build());

    for (String q : List.of("%", "_", "\\", "%_\\ --", "% tag:ci")) {
      Page<Job> page = store.listJobs(JobQuery.parse(q, 1, JobQuery.MAX_SIZE));
      assertThat(page.items()).as(q).isEmpty();
      assertThat(page.totalItems()).as(q).isZero();
    }
    assertThat(names("% done")).containsExactly("100% done"); // words still count when there are some
    assertThat(names("tag:ci")).containsExactly("a_b\\c");
    assertThat(names("")).hasSize(3);
  }

  @Test
  void searchMatchesWholeWordsOfLettersAndDigits() {
    saved(aJob().name("100% done").build());
    saved(aJob().name("1000 done").build());
    saved(aJob().name("my_job").build());
    saved(aJob().name("myxjob").build());
    saved(aJob().name("Café-Build").description("Fixes: the RELEASE, (again).").build());

    assertThat(names("100%")).containsExactly("100% done");
    assertThat(names("10")).isEmpty(); // no substrings
    assertThat(names("done")).containsExactlyInAnyOrder("100% done", "1000 done");
    assertThat(names("my_job")).containsExactly("my_job"); // the words "my" and "job"
    assertThat(names("job")).containsExactly("my_job");
    assertThat(names("CAFÉ build")).containsExactly("Café-Build");
    assertThat(names("release again fixes")).containsExactly("Café-Build");
    assertThat(names("(release),")).containsExactly("Café-Build");
    assertThat(names("donequeued")).isEmpty(); // a word never spans two fields (name, state)
    assertThat(names("%")).isEmpty(); // text without a word: nothing, as in Tork
  }

  @Test
  void aWordLongerThanTheColumnIsSearchableByItsStart() {
    String longWord = "x".repeat(JobWords.MAX_LENGTH) + "tail";
    saved(aJob().name("keeps " + longWord).build());

    assertThat(names(longWord)).containsExactly("keeps " + longWord);
    assertThat(names("x".repeat(JobWords.MAX_LENGTH) + "other")).containsExactly("keeps " + longWord);
    assertThat(names("x".repeat(JobWords.MAX_LENGTH - 1))).isEmpty();
  }

  @Test
  void theStateWordFollowsTheJobsState() {
    Job job = saved(aJob().name("failed retry").build());
    Job running = job.running(T0.plusSeconds(1));
    Job timedOut = running.failed(JobState.TIMED_OUT, "too slow", T0.plusSeconds(9));

    updated(running);
    assertThat(List.of(names("queued"), names("running"), names("retry running")))
        .containsExactly(List.of(), List.of("failed retry"), List.of("failed retry"));
    updated(timedOut);
    assertThat(List.of(names("running"), names("timed out"), names("timed_out")))
        .containsExactly(List.of(), List.of("failed retry"), List.of("failed retry"));
    updated(timedOut.requeued());
    assertThat(List.of(names("timed"), names("queued"), names("failed")))
        .containsExactly(List.of(), List.of("failed retry"), List.of("failed retry")); // "failed" is in its name
  }

  @Test
  void backfillsTheWordsOfJobsStoredBeforeWordSearch() throws Exception {
    store.close();
    StoreSettings settings = emptyDatabase();
    Flyway.configure()
        .dataSource(settings.url(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .placeholders(SqlDialect.forUrl(settings.url()).migrationPlaceholders())
        .target("6")
        .load()
        .migrate();
    Job older = aJob().name("Nightly Build").description("the kernel").build();
    Job newer = aJob().name("kernel docs").state(JobState.FAILED).createdAt(T0.plusSeconds(1)).tags("docs").build();
    try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
      for (Job job : List.of(older, newer)) {
        insertAsVersion6(connection, job);
      }
    }

    store = JdbcStore.open(TestKeys.keyed(settings));

    assertThat(store.listJobs(JobQuery.parse("kernel", 1, 10)).items()).containsExactly(newer, older);
    assertThat(names("nightly queued")).containsExactly("Nightly Build");
    assertThat(names("failed tag:docs")).containsExactly("kernel docs");
    assertThat(names("kern")).isEmpty();
    assertThat(store.listJobs(JobQuery.parse("kernel", 2, 1)).totalItems()).isEqualTo(2);
    // Jobs stored before jobs named their dialect are the native API's (V24), once each.
    assertThat(names("dialect:tork")).containsExactly("kernel docs", "Nightly Build");
    assertThat(store.listJobs(JobQuery.parse("dialect:tork", 1, 10)).totalItems()).isEqualTo(2);
  }

  @Test
  void aJobIsFoundByTheDialectThatSubmittedIt() {
    saved(aJob().name("built elsewhere").dialect("hades").build());
    saved(aJob().name("native").createdAt(T0.plusSeconds(1)).build());
    saved(aJob().name("also native").dialect("tork").createdAt(T0.plusSeconds(2)).tags("ci").build());

    assertThat(names("dialect:hades")).containsExactly("built elsewhere");
    assertThat(names("dialect:TORK")).containsExactly("also native", "native");
    assertThat(names("dialect:tork tag:ci")).containsExactly("also native");
    assertThat(names("dialect:tork native also")).containsExactly("also native");
    assertThat(names("dialect:daestro")).isEmpty();
    assertThat(names("dialect")).isEmpty(); // the word dialect is not in any name
    assertThat(names("hades")).isEmpty(); // nor is hades: only dialect:hades finds them
    assertThat(store.listJobs(JobQuery.parse("dialect:tork", 1, 1)).totalItems()).isEqualTo(2);
    assertThat(store.listJobs(JobQuery.parse("dialect:hades", 1, 1)).items().get(0).spec().dialect()).isEqualTo("hades");
  }

  @Test
  void everyTagMustBePresent() {
    Job both = saved(aJob().name("both").tags("nightly", "arm64").build());
    saved(aJob().name("one").tags("nightly").build());
    saved(aJob().name("none").build());

    assertThat(names("tag:nightly")).containsExactlyInAnyOrder("both", "one");
    assertThat(names("tags:nightly,arm64")).containsExactly(both.name());
    assertThat(names("tag:nightly one")).containsExactly("one");
    assertThat(names("tag:missing")).isEmpty();
    assertThat(store.listJobs(JobQuery.parse("tag:nightly", 1, 1)).totalItems()).isEqualTo(2);
  }

  // --- logs

  @Test
  void keepsLogPartsAndPagesThemNewestFirst() {
    Job job = saved(aJob().build());
    TaskRun first = saved(aRun(job).build());
    TaskRun second = saved(aRun(job).position(2).build());
    List<LogPart> parts = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      parts.add(store.appendLog(job.id(), first.id(), i, "line " + i + "\n", T0.plusNanos(i * 1001)));
    }
    for (int i = 1; i <= 3; i++) {
      parts.add(store.appendLog(job.id(), second.id(), i, "second " + i + "\n", T0.plusSeconds(i)));
    }
    store.appendLog(saved(aJob().build()).id(), null, 1, "other job\n", T0);
    List<LogPart> newestFirst = new ArrayList<>(parts);
    Collections.reverse(newestFirst);

    assertThat(parts).extracting(LogPart::id).isSorted().doesNotHaveDuplicates();
    assertThat(parts.get(0).createdAt()).isEqualTo(Timestamps.stored(T0.plusNanos(1001)));
    Page<LogPart> jobPage = store.jobLog(job.id(), 1, 3);
    assertThat(jobPage.items()).containsExactlyElementsOf(newestFirst.subList(0, 3));
    assertThat(jobPage.totalItems()).isEqualTo(8);
    Page<LogPart> runPage = store.runLog(first.id(), 2, 2);
    assertThat(runPage.items()).containsExactly(parts.get(2), parts.get(1));
    assertThat(runPage.totalItems()).isEqualTo(5);
  }

  @Test
  void followersReadTheLogAfterAnIdOldestFirst() {
    Job job = saved(aJob().build());
    TaskRun run = saved(aRun(job).build());
    List<LogPart> parts = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      parts.add(store.appendLog(job.id(), run.id(), i, "x".repeat(i * 1000), T0.plusSeconds(i)));
    }

    assertThat(store.jobLogAfter(job.id(), 0, 100)).containsExactlyElementsOf(parts);
    assertThat(store.jobLogAfter(job.id(), parts.get(1).id(), 3)).containsExactlyElementsOf(parts.subList(2, 5));
    assertThat(store.jobLogAfter(job.id(), parts.get(5).id(), 3)).isEmpty();
  }

  @Test
  void keepsWhichStreamAPartCameFromAndKnowsAJobsLastPart() {
    Job job = saved(aJob().build());
    TaskRun run = saved(aRun(job).build());
    assertThat(store.lastLogId(job.id())).isZero();
    LogPart out = store.appendLog(job.id(), run.id(), 1, LogPart.Stream.STDOUT, "out\n", T0);
    LogPart err = store.appendLog(job.id(), run.id(), 2, LogPart.Stream.STDERR, "err\n", T0);
    store.appendLog(saved(aJob().build()).id(), null, 1, "other job\n", T0);

    assertThat(err.stream()).isEqualTo(LogPart.Stream.STDERR);
    assertThat(store.jobLogAfter(job.id(), 0, 10)).containsExactly(out, err);
    assertThat(store.jobLog(job.id(), 1, 10).items()).extracting(LogPart::stream)
        .containsExactly(LogPart.Stream.STDERR, LogPart.Stream.STDOUT);
    assertThat(store.lastLogId(job.id())).isEqualTo(err.id());
  }

  // --- health

  @Test
  void isHealthyUntilClosedAndNeverShowsThePassword() {
    assertThat(store.isHealthy()).isTrue();
    assertThat(store.describe()).isNotBlank().doesNotContainIgnoringCase("password");

    store.close();

    assertThat(store.isHealthy()).isFalse();
  }

  // --- helpers for subclasses and the tests above

  protected Job saved(Job job) {
    return TestRows.saved(store, job);
  }

  protected TaskRun saved(TaskRun run) {
    return TestRows.saved(store, run);
  }

  private static Node aNode(String id, String... queues) {
    return Node.starting(id, NodeRole.WORKER, "host-a", "1.0", Set.of(queues), T0, Duration.ofSeconds(5));
  }

  private Optional<TaskRun> claim(String node) {
    return store.claimNext(Set.of("default"), node, T0, T0.plusSeconds(30));
  }

  private List<String> claimIds(Set<String> queues, int times) {
    return IntStream.range(0, times)
        .mapToObj(i -> store.claimNext(queues, "node-1", T0, T0.plusSeconds(30)))
        .flatMap(Optional::stream).map(TaskRun::id).toList();
  }

  private void updated(Job job) {
    store.inTransaction(tx -> {
      tx.lockJob(job.id()).orElseThrow();
      tx.updateJob(job);
      return null;
    });
  }

  /** Every page of a search of {@code pages} pages of {@code size}, checking each page's totals. */
  private List<Job> allPages(String q, int pages, int size) {
    List<Job> all = new ArrayList<>();
    long total = -1;
    for (int number = 1; number <= pages + 1; number++) {
      Page<Job> page = store.listJobs(JobQuery.parse(q, number, size));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
      assertThat(page.totalPages()).isEqualTo(pages);
      total = page.totalItems();
      all.addAll(page.items());
    }
    assertThat((long) all.size()).isEqualTo(total);
    return all;
  }

  private static List<Job> newestFirst(List<Job> jobs) {
    List<Job> sorted = new ArrayList<>(jobs);
    sorted.sort((a, b) -> a.createdAt().equals(b.createdAt())
        ? b.id().compareTo(a.id()) : b.createdAt().compareTo(a.createdAt()));
    return sorted;
  }

  /** A job as schema version 6 stored it, before word search: with search_text, without words. */
  private static void insertAsVersion6(Connection connection, Job job) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("""
        insert into jobs (id, name, description, state, spec, search_text, created_at, position)
        values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
      insert.setString(1, job.id());
      insert.setString(2, job.name());
      insert.setString(3, job.spec().description());
      insert.setString(4, job.state().name());
      insert.setString(5, SpecJson.write(job.spec()));
      insert.setString(6, (job.name() + "\n" + job.spec().description() + "\n" + job.state()).toLowerCase(Locale.ROOT));
      insert.setObject(7, Timestamps.toSql(job.createdAt()));
      insert.setInt(8, job.position());
      insert.executeUpdate();
    }
    for (String tag : job.spec().tags()) {
      try (PreparedStatement insert = connection.prepareStatement("insert into job_tags (job_id, tag) values (?, ?)")) {
        insert.setString(1, job.id());
        insert.setString(2, tag);
        insert.executeUpdate();
      }
    }
  }

  private List<String> names(String q) {
    return store.listJobs(JobQuery.parse(q, 1, JobQuery.MAX_SIZE)).items().stream().map(Job::name).toList();
  }

  /** Runs {@code work} on {@code threads} threads at once; fails if any throws or all take too long. */
  protected static void runConcurrently(int threads, Callable<Void> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        done.add(pool.submit(() -> {
          start.await();
          return work.call();
        }));
      }
      start.countDown();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      for (Future<Void> future : done) {
        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aJobKeepsItsOwnerThroughItsTransitions() {
    Job job = Job.queued(TestJobs.newId(), "alice", aJob().build().spec(), T0);
    Job unowned = aJob().build();
    store.inTransaction(tx -> {
      tx.insertJobs(List.of(job, unowned));
      return null;
    });
    store.inTransaction(tx -> {
      tx.updateJob(tx.lockJob(job.id()).orElseThrow().cancelled(T0.plusSeconds(1)));
      return null;
    });

    assertThat(store.findJob(job.id()).orElseThrow().owner()).isEqualTo("alice");
    assertThat(store.findJob(unowned.id()).orElseThrow().owner()).isNull();
    assertThat(store.listJobs(JobQuery.parse(null, 1, 10)).items()).extracting(Job::owner).containsExactlyInAnyOrder("alice", null);
  }
}
