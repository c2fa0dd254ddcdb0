package dev.gantry.store;

import dev.gantry.core.auth.ApiToken;
import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.QueueLoad;
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
import dev.gantry.core.schedule.ScheduleState;
import dev.gantry.core.schedule.ScheduledJob;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.StoreTransaction;
import dev.gantry.core.spi.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The store on H2 or PostgreSQL over JDBC. Every method is one transaction. Instants come back
 * truncated to microseconds (see {@link Timestamps}).
 */
public final class JdbcStore implements Store, TokenStore {

  private final Database database;
  private final String description;
  private final JobRows jobs;
  private final RunRows runs;
  private final TaskRunClaim claim;
  private final int writeLanes;

  private JdbcStore(Database database, SqlDialect dialect, String description) {
    this.database = database;
    this.description = description;
    this.jobs = new JobRows(dialect);
    this.runs = new RunRows(dialect);
    this.claim = new TaskRunClaim(runs);
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
    return new JdbcStore(Database.open(settings, dialect, description), dialect, description);
  }

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    return database.inTransaction(sql -> {
      JdbcStoreTransaction transaction = new JdbcStoreTransaction(sql, jobs, runs);
      T result = work.apply(transaction);
      transaction.beforeCommit();
      return result;
    });
  }

  @Override
  public Optional<TaskRun> claimNext(Set<String> queues, String nodeId, Instant now, Instant leaseUntil) {
    return database.inTransaction(sql -> claim.next(sql, queues, nodeId, now, leaseUntil));
  }

  @Override
  public boolean renewLease(String runId, String nodeId, Instant leaseUntil) {
    return database.inTransaction(sql -> runs.renewLease(sql, runId, nodeId, leaseUntil));
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
    return database.inTransaction(sql -> JobSearch.page(sql, query));
  }

  @Override
  public Map<JobState, Long> jobsByState() {
    return database.inTransaction(JobRows::countByState);
  }

  @Override
  public void insertSchedule(ScheduledJob schedule) {
    database.inTransaction(sql -> {
      ScheduleRows.insert(sql, schedule);
      return null;
    });
  }

  @Override
  public Optional<ScheduledJob> findSchedule(String id) {
    return database.inTransaction(sql -> ScheduleRows.find(sql, id));
  }

  @Override
  public Page<ScheduledJob> listSchedules(int page, int size) {
    return database.inTransaction(sql -> ScheduleRows.page(sql, page, size));
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
    return database.inTransaction(sql -> ScheduleRows.due(sql, now, limit));
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
      UserSecretRows.insert(sql, secret);
      return null;
    });
  }

  @Override
  public List<UserSecret> userSecretsOf(String owner) {
    return database.inTransaction(sql -> UserSecretRows.of(sql, owner));
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
  public List<JobNumber> numberedJobsOf(String owner, String namePrefix, long atMost, int limit) {
    return database.inTransaction(sql -> JobNumbers.ofOwner(sql, owner, namePrefix, atMost, limit));
  }

  @Override
  public long jobCountOf(String owner, String namePrefix) {
    return database.inTransaction(sql -> JobNumbers.countOfOwner(sql, owner, namePrefix));
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
}
