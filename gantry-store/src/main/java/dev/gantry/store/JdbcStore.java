package dev.gantry.store;

import dev.gantry.core.auth.ApiToken;
import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.QueueLoad;
import dev.gantry.core.cluster.QueueSettings;
import dev.gantry.core.definition.JobDefinition;
import dev.gantry.core.job.RunContainer;
import dev.gantry.core.job.Artifact;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobGroup;
import dev.gantry.core.job.JobNumber;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.Page;
import dev.gantry.core.job.StepRun;
import dev.gantry.core.job.UserSecret;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.OutboxRules;
import dev.gantry.core.outbox.OutboxRecorder;
import dev.gantry.core.schedule.ScheduleState;
import dev.gantry.core.schedule.ScheduledJob;
import dev.gantry.core.spi.DefinitionStore;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.StoreTransaction;
import dev.gantry.core.spi.TokenStore;
import dev.gantry.core.spi.UserStore;
import dev.gantry.core.auth.Role;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The store on H2 or PostgreSQL over JDBC. Every method is one transaction. Instants come back
 * truncated to microseconds (see {@link Timestamps}).
 */
public final class JdbcStore implements Store, TokenStore, UserStore, DefinitionStore {

  private final Database database;
  private final String description;
  private final JobRows jobs;
  private final RunRows runs;
  private final QueueRows queues;
  private final TaskRunClaim claim;
  private final EnginePins pins;
  private final DeliveryRows deliveries;
  private final int writeLanes;
  private final SealedSecrets secrets;

  private JdbcStore(Database database, SqlDialect dialect, String description, SealedSecrets secrets) {
    this.database = database;
    this.description = description;
    this.jobs = new JobRows(dialect, secrets);
    this.secrets = secrets;
    this.runs = new RunRows(dialect);
    this.queues = new QueueRows(dialect);
    this.pins = new EnginePins(dialect);
    this.deliveries = new DeliveryRows(dialect, secrets);
    this.claim = new TaskRunClaim(runs, queues, pins, jobs, deliveries);
    this.writeLanes = dialect.writeLanes();
  }

  /**
   * Connects to the database of {@code settings} and migrates its schema to this version.
   * Throws IllegalArgumentException for an unsupported URL, StoreException when the database
   * cannot be reached or migrated.
   */
  public static JdbcStore open(StoreSettings settings) {
    SqlDialect dialect = SqlDialect.forUrl(settings.url());
    String description = dialect.describeUrl(settings.url());
    SealedSecrets secrets = new SealedSecrets(settings.secretCipher());
    return new JdbcStore(Database.open(settings, dialect, description, secrets), dialect, description, secrets);
  }

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    return database.inTransaction(sql -> {
      JdbcStoreTransaction transaction = new JdbcStoreTransaction(sql, jobs, runs, deliveries, pins);
      T result = work.apply(OutboxRecorder.around(transaction));
      transaction.beforeCommit();
      return result;
    });
  }

  @Override
  public List<Delivery> claimDeliveries(Instant now, Instant leaseUntil, int limit) {
    return database.inTransaction(sql -> deliveries.claim(sql, now, leaseUntil, limit));
  }

  @Override
  public boolean finishDelivery(Delivery after) {
    return database.inTransaction(sql -> deliveries.finish(sql, after));
  }

  @Override
  public List<Delivery> deliveriesOf(String jobId) {
    return database.inTransaction(sql -> deliveries.ofJob(sql, jobId));
  }

  @Override
  public List<String> jobsToDelete(Instant now, Instant endedBefore, int limit) {
    return database.inTransaction(sql -> JobRetention.due(sql, now, endedBefore, limit));
  }

  @Override
  public boolean deleteEndedJob(String id) {
    return database.inTransaction(sql -> JobRetention.delete(sql, jobs, id));
  }

  @Override
  public Optional<TaskRun> claimNext(Set<String> queues, String nodeId, String engineId, Instant now, Instant leaseUntil) {
    return database.inTransaction(sql -> claim.next(sql, queues, nodeId, engineId, now, leaseUntil));
  }

  @Override
  public List<String> jobsOnLostEngines(Instant aliveSince, int limit) {
    return database.inTransaction(sql -> pins.onLostEngines(sql, aliveSince, limit));
  }

  @Override
  public boolean renewLease(String runId, String nodeId, Instant leaseUntil) {
    return database.inTransaction(sql -> runs.renewLease(sql, runId, nodeId, leaseUntil));
  }

  @Override
  public boolean renewLease(String runId, String nodeId, long epoch, Instant leaseUntil) {
    return database.inTransaction(sql -> runs.renewLease(sql, runId, nodeId, epoch, leaseUntil));
  }

  @Override
  public List<TaskRun> expiredLeases(Instant now) {
    return database.inTransaction(sql -> runs.expired(sql, now));
  }

  @Override
  public Optional<Job> findJob(String id) {
    return database.inTransaction(sql -> jobs.find(sql, id));
  }

  @Override
  public Optional<TaskRun> findRun(String id) {
    return database.inTransaction(sql -> runs.find(sql, id));
  }

  @Override
  public List<TaskRun> runsOf(String jobId) {
    return database.inTransaction(sql -> runs.ofJob(sql, jobId));
  }

  @Override
  public Page<Job> listJobs(JobQuery query) {
    return database.inTransaction(sql -> JobSearch.page(sql, jobs, query));
  }

  @Override
  public Set<String> rolesOf(String user) {
    return database.inTransaction(sql -> Set.copyOf(sql.list("select role_name from role_members where user_name = ?",
        row -> row.getString(1), user)));
  }

  @Override
  public Map<JobState, Long> jobsByState() {
    return database.inTransaction(JobRows::countByState);
  }

  @Override
  public Map<JobState, Long> jobsByState(Set<String> grantees) {
    return database.inTransaction(sql -> JobRows.countByState(sql, grantees));
  }

  @Override
  public void insertSchedule(ScheduledJob schedule) {
    database.inTransaction(sql -> {
      ScheduleRows.insert(sql, secrets, schedule);
      return null;
    });
  }

  @Override
  public Optional<ScheduledJob> findSchedule(String id) {
    return database.inTransaction(sql -> ScheduleRows.find(sql, secrets, id));
  }

  @Override
  public Page<ScheduledJob> listSchedules(String owner, int page, int size) {
    return database.inTransaction(sql -> ScheduleRows.page(sql, secrets, owner, page, size));
  }

  @Override
  public boolean changeScheduleState(String id, ScheduleState expected, ScheduleState state, Instant nextFireAt) {
    return database.inTransaction(sql -> ScheduleRows.changeState(sql, id, expected, state, nextFireAt));
  }

  @Override
  public boolean deleteSchedule(String id) {
    return database.inTransaction(sql -> ScheduleRows.delete(sql, id));
  }

  @Override
  public List<ScheduledJob> dueSchedules(Instant now, int limit) {
    return database.inTransaction(sql -> ScheduleRows.due(sql, secrets, now, limit));
  }

  @Override
  public LogPart appendLog(String jobId, String runId, int number, LogPart.Stream stream, String contents, Instant at) {
    return database.inTransaction(sql -> LogRows.append(sql, jobId, runId, number, stream, contents, at));
  }

  @Override
  public void insertSteps(List<StepRun> steps) {
    database.inTransaction(sql -> {
      SessionRows.insertSteps(sql, steps);
      return null;
    });
  }

  @Override
  public void updateStep(StepRun step) {
    database.inTransaction(sql -> {
      SessionRows.updateStep(sql, step);
      return null;
    });
  }

  @Override
  public List<StepRun> stepsOf(String runId) {
    return database.inTransaction(sql -> SessionRows.stepsOf(sql, runId));
  }

  @Override
  public Artifact insertArtifact(String jobId, String runId, String path, String name, byte[] content, Instant at) {
    return database.inTransaction(sql -> SessionRows.insertArtifact(sql, jobId, runId, path, name, content, at));
  }

  @Override
  public List<Artifact> artifactsOf(String jobId) {
    return database.inTransaction(sql -> SessionRows.artifactsOf(sql, jobId));
  }

  @Override
  public Optional<byte[]> artifactContent(long artifactId) {
    return database.inTransaction(sql -> SessionRows.content(sql, artifactId));
  }

  @Override
  public void insertUserSecret(UserSecret secret) {
    database.inTransaction(sql -> {
      UserSecretRows.insert(sql, secrets, secret);
      return null;
    });
  }

  @Override
  public List<UserSecret> userSecretsOf(String owner) {
    return database.inTransaction(sql -> UserSecretRows.of(sql, secrets, owner));
  }

  @Override
  public JobGroup insertGroup(JobGroup group) {
    return database.inTransaction(sql -> JobGroupRows.insert(sql, group));
  }

  @Override
  public Optional<JobGroup> findGroup(long id) {
    return database.inTransaction(sql -> JobGroupRows.find(sql, id));
  }

  @Override
  public Optional<Long> jobNumber(String jobId) {
    return database.inTransaction(sql -> JobNumbers.numberOf(sql, jobId));
  }

  @Override
  public Optional<String> jobWithNumber(long number) {
    return database.inTransaction(sql -> JobNumbers.jobWith(sql, number));
  }

  @Override
  public List<JobNumber> numberedJobsOf(String owner, String dialect, long atMost, int limit) {
    return database.inTransaction(sql -> JobNumbers.ofOwner(sql, owner, dialect, atMost, limit));
  }

  @Override
  public long jobCountOf(String owner, String dialect) {
    return database.inTransaction(sql -> JobNumbers.countOfOwner(sql, owner, dialect));
  }

  @Override
  public Page<LogPart> jobLog(String jobId, int page, int size) {
    return database.inTransaction(sql -> LogRows.ofJob(sql, jobId, page, size));
  }

  @Override
  public Page<LogPart> runLog(String runId, int page, int size) {
    return database.inTransaction(sql -> LogRows.ofRun(sql, runId, page, size));
  }

  @Override
  public List<LogPart> jobLogAfter(String jobId, long afterId, int limit) {
    return database.inTransaction(sql -> LogRows.after(sql, jobId, afterId, limit));
  }

  @Override
  public long lastLogId(String jobId) {
    return database.inTransaction(sql -> LogRows.lastId(sql, jobId));
  }

  @Override
  public List<QueueLoad> queueLoads() {
    return database.inTransaction(runs::loads);
  }

  /** Two creates of one name at once: the loser's insert hits the key and it tries the version after. */
  @Override
  public JobDefinition insertNextVersion(JobDefinition definition) {
    StoreException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        return database.inTransaction(sql -> {
          JobDefinition next = definition.asVersion(DefinitionRows.newestVersion(sql, definition.name()) + 1,
              Timestamps.stored(definition.createdAt()), definition.owner());
          DefinitionRows.insert(sql, secrets, next);
          return next;
        });
      } catch (StoreException e) {
        last = e;
      }
    }
    throw last;
  }

  @Override
  public Optional<JobDefinition> findDefinition(String name, int version) {
    return database.inTransaction(sql -> DefinitionRows.find(sql, secrets, name, version));
  }

  @Override
  public List<JobDefinition> definitionVersions(String name) {
    return database.inTransaction(sql -> DefinitionRows.versions(sql, secrets, name));
  }

  @Override
  public List<JobDefinition> latestDefinitions() {
    return database.inTransaction(sql -> DefinitionRows.latest(sql, secrets));
  }

  @Override
  public List<String> dueStarts(Instant now, int limit) {
    return database.inTransaction(sql -> StartRows.due(sql, now, limit));
  }

  @Override
  public Optional<Instant> startOf(String jobId) {
    return database.inTransaction(sql -> StartRows.of(sql, jobId));
  }

  @Override
  public boolean recordProgress(String runId, double percent, Instant at) {
    return database.inTransaction(sql -> {
      // The job's row first, as every transition locks it: a cancel holding it while it ends this run waits for no one.
      Optional<Job> job = runs.find(sql, runId).flatMap(run -> jobs.lock(sql, run.jobId()));
      if (job.isEmpty() || !runs.setProgress(sql, runId, percent)) {
        return false;
      }
      TaskRun run = runs.find(sql, runId).orElseThrow();
      jobs.reportProgress(sql, run.jobId(), run.position(), percent);
      Job reported = jobs.find(sql, run.jobId()).orElseThrow();
      List<Delivery> calls = OutboxRules.runProgressed(reported, run, at);
      if (!calls.isEmpty()) {
        deliveries.insert(sql, calls);
      }
      return true;
    });
  }

  @Override
  public void containerStarted(String runId, String jobId, Instant at) {
    try {
      database.inTransaction(sql -> {
        RunContainerRows.started(sql, runId, jobId, at);
        return null;
      });
    } catch (StoreException e) {
      if (!RunContainerRows.nothingToRecord(e)) {
        throw e;
      }
    }
  }

  @Override
  public void containerStopped(String runId, Instant at) {
    database.inTransaction(sql -> {
      RunContainerRows.stopped(sql, runId, at);
      return null;
    });
  }

  @Override
  public List<RunContainer> containersOf(String jobId) {
    return database.inTransaction(sql -> RunContainerRows.ofJob(sql, jobId));
  }

  @Override
  public void saveQueueSettings(QueueSettings settings) {
    try {
      database.inTransaction(sql -> {
        queues.save(sql, settings, Instant.now());
        return null;
      });
    } catch (StoreException first) {
      // The first settings of one queue saved twice at once: the other inserted the row; once more updates it.
      database.inTransaction(sql -> {
        queues.save(sql, settings, Instant.now());
        return null;
      });
    }
  }

  @Override
  public List<QueueSettings> queueSettings() {
    return database.inTransaction(queues::all);
  }

  @Override
  public List<String> jobsQueuedIn(String queue) {
    return database.inTransaction(sql -> runs.jobsQueuedIn(sql, queue));
  }

  @Override
  public void saveNode(Node node) {
    database.inTransaction(sql -> {
      NodeRows.save(sql, node);
      return null;
    });
  }

  @Override
  public long takeOverNode(String nodeId, Instant now) {
    return database.inTransaction(sql -> NodeRows.takeOver(sql, nodeId, now.toEpochMilli()));
  }

  @Override
  public long nodeEpoch(String nodeId) {
    return database.inTransaction(sql -> NodeRows.epoch(sql, nodeId));
  }

  @Override
  public List<Node> nodes() {
    return database.inTransaction(NodeRows::all);
  }

  @Override
  public List<Node> markNodesOffline(Instant now) {
    return database.inTransaction(sql -> NodeRows.markOffline(sql, now));
  }

  @Override
  public int forgetNodes(Instant cutoff) {
    return database.inTransaction(sql -> NodeRows.forget(sql, cutoff));
  }

  /** Sends a PostgreSQL notification, delivered to listeners when this short transaction commits. */
  void sendNotification(String channel, String payload) {
    database.inTransaction(sql -> sql.list("select pg_notify(?, ?)", row -> Boolean.TRUE, channel, payload));
  }

  /** One notification per payload, all in one statement and one transaction (PostgreSQL only). */
  void sendNotifications(String channel, List<String> payloads) {
    if (payloads.isEmpty()) {
      return;
    }
    Object[] params = new Object[payloads.size() * 2];
    for (int i = 0; i < payloads.size(); i++) {
      params[2 * i] = channel;
      params[2 * i + 1] = payloads.get(i);
    }
    String sql = "select " + String.join(", ", Collections.nCopies(payloads.size(), "pg_notify(?, ?)"));
    database.inTransaction(session -> session.list(sql, row -> Boolean.TRUE, params));
  }

  /**
   * Lets the connection pool report its gauges and timers (active, idle, pending connections, how
   * long a connection took) to {@code meterRegistry}, a Micrometer MeterRegistry. Typed as Object so
   * that the store needs Micrometer only where a caller brings one.
   */
  public void bindPoolMetrics(Object meterRegistry) {
    database.bindPoolMetrics(meterRegistry);
  }

  @Override
  public void insertToken(ApiToken token) {
    try {
      database.inTransaction(sql -> {
        TokenRows.insert(sql, token);
        return null;
      });
    } catch (StoreException first) {
      // Two first tokens of one new user at once: the other transaction inserted the user. Once
      // more finds it; any other failure fails again.
      database.inTransaction(sql -> {
        TokenRows.insert(sql, token);
        return null;
      });
    }
  }

  @Override
  public Optional<ApiToken> findTokenByHash(String secretHash) {
    return database.inTransaction(sql -> TokenRows.byHash(sql, secretHash));
  }

  @Override
  public Optional<ApiToken> findToken(String id) {
    return database.inTransaction(sql -> TokenRows.byId(sql, id));
  }

  @Override
  public List<ApiToken> tokens(String user) {
    return database.inTransaction(sql -> TokenRows.of(sql, user));
  }

  @Override
  public boolean revokeToken(String id, Instant at) {
    return database.inTransaction(sql -> TokenRows.revoke(sql, id, at));
  }

  @Override
  public boolean hasValidAdminToken(Instant now) {
    return database.inTransaction(sql -> TokenRows.hasValidAdmin(sql, now));
  }

  @Override
  public boolean isHealthy() {
    return database.answers();
  }

  @Override
  public int writeLanes() {
    return writeLanes;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    database.close();
  }

  // --- users' passwords and roles (UserStore)

  @Override
  public boolean insertUser(String name, String passwordHash, Instant at) {
    return database.inTransaction(sql -> UserRows.insertUser(sql, name, passwordHash, at));
  }

  @Override
  public Optional<String> passwordHash(String user) {
    return database.inTransaction(sql -> UserRows.passwordHash(sql, user));
  }

  @Override
  public boolean insertRole(String name, Instant at) {
    return database.inTransaction(sql -> UserRows.insertRole(sql, name, at));
  }

  @Override
  public boolean deleteRole(String name) {
    return database.inTransaction(sql -> UserRows.deleteRole(sql, name));
  }

  @Override
  public List<Role> roles() {
    return database.inTransaction(sql -> UserRows.roles(sql, null));
  }

  @Override
  public Optional<Role> findRole(String name) {
    return database.inTransaction(sql -> UserRows.roles(sql, name).stream().findFirst());
  }

  @Override
  public boolean addMember(String role, String user, Instant at) {
    return database.inTransaction(sql -> UserRows.addMember(sql, role, user, at));
  }

  @Override
  public boolean removeMember(String role, String user) {
    return database.inTransaction(sql -> UserRows.removeMember(sql, role, user));
  }
}
