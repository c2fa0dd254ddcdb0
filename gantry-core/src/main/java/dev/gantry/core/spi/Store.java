package dev.gantry.core.spi;

import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.QueueLoad;
import dev.gantry.core.cluster.QueueSettings;
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
import dev.gantry.core.schedule.ScheduleState;
import dev.gantry.core.schedule.ScheduledJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where jobs, task runs and logs are kept; also the queue: QUEUED task runs are the work to do.
 * Every state change goes through {@link #inTransaction}; the other methods are single
 * statements.
 */
public interface Store extends AutoCloseable {

  /** Runs {@code work} in one transaction: all of its writes land, or none. */
  <T> T inTransaction(Function<StoreTransaction, T> work);

  /**
   * Claims the next QUEUED run of one of {@code queues}: sets it RUNNING on {@code nodeId} with
   * a lease until {@code leaseUntil}. At most one caller ever gets a given run. The queues'
   * {@link QueueSettings} decide, in the same transaction: the lowest priority number first (in
   * {@link dev.gantry.core.cluster.ClaimOrder}), no run of a disabled queue, and none of a queue
   * that already has {@code maxConcurrency} runs RUNNING on any node. Within a queue, the run of
   * the highest {@link TaskRun#priority()} first, then the oldest.
   */
  default Optional<TaskRun> claimNext(Set<String> queues, String nodeId, Instant now, Instant leaseUntil) {
    return claimNext(queues, nodeId, null, now, leaseUntil);
  }

  /**
   * {@link #claimNext(Set, String, Instant, Instant)} for a node whose tasks run on the Docker engine
   * {@code engineId} (null: none known). A run of a job pinned to another engine is not taken (see
   * {@link dev.gantry.core.cluster.WorkspacePinning}); the first run taken of a job that pins, not
   * pinned yet, pins it to {@code engineId} in the same transaction (of two claimers on two engines,
   * one pins it, and the other takes nothing of that job). A node of no known engine takes only
   * runs of jobs not pinned, and pins none.
   */
  Optional<TaskRun> claimNext(Set<String> queues, String nodeId, String engineId, Instant now, Instant leaseUntil);

  /**
   * Up to {@code limit} jobs pinned to an engine on which no node has been alive since
   * {@code aliveSince} (by the nodes' own {@link dev.gantry.core.cluster.Node#aliveUntil()}): their
   * workspace is gone with it. A pin goes when its job ends.
   */
  List<String> jobsOnLostEngines(Instant aliveSince, int limit);

  /**
   * Extends the lease of a run this node holds. False when the run is no longer RUNNING on this
   * node (cancelled, or re-queued after the lease expired): the node must stop it.
   */
  boolean renewLease(String runId, String nodeId, Instant leaseUntil);

  /**
   * As {@link #renewLease(String, String, Instant)}, and only while {@code epoch} is the node's
   * ({@link #takeOverNode}): a process whose node id another process took over renews nothing. A
   * store of one process has no other process to tell apart.
   */
  default boolean renewLease(String runId, String nodeId, long epoch, Instant leaseUntil) {
    return renewLease(runId, nodeId, leaseUntil);
  }

  /** RUNNING runs whose lease ended before {@code now}: their worker is gone. */
  List<TaskRun> expiredLeases(Instant now);

  Optional<Job> findJob(String id);

  Optional<TaskRun> findRun(String id);

  /** All runs of a job, by position then attempt. */
  List<TaskRun> runsOf(String jobId);

  /** Jobs matching the query (and visible to its grantees, when it names some), newest first. */
  Page<Job> listJobs(JobQuery query);

  /** The names of the roles {@code user} is a member of (none when it is in none, or unknown). */
  Set<String> rolesOf(String user);

  /**
   * How many jobs are in each state (states without jobs are absent). One scan of the jobs: for
   * metrics, not for a request path.
   */
  Map<JobState, Long> jobsByState();

  /**
   * {@link #jobsByState()} of the jobs whose access list names one of {@code grantees} (a caller
   * who is not an admin: see {@link dev.gantry.core.auth.Viewer}), counted in the store.
   */
  Map<JobState, Long> jobsByState(Set<String> grantees);

  // --- scheduled jobs (firing one is a transaction: see StoreTransaction#advanceSchedule)

  void insertSchedule(ScheduledJob schedule);

  Optional<ScheduledJob> findSchedule(String id);

  /** Scheduled jobs, newest first. */
  default Page<ScheduledJob> listSchedules(int page, int size) {
    return listSchedules(null, page, size);
  }

  /** The scheduled jobs of {@code owner} (null: of everyone), newest first. */
  Page<ScheduledJob> listSchedules(String owner, int page, int size);

  /** Sets a schedule's state and next tick if it is in {@code expected}; false when it is not, or is gone. */
  boolean changeScheduleState(String id, ScheduleState expected, ScheduleState state, Instant nextFireAt);

  /** False when there was no such schedule. */
  boolean deleteSchedule(String id);

  /** At most {@code limit} ACTIVE schedules whose next tick is at or before {@code now}, the most overdue first. */
  List<ScheduledJob> dueSchedules(Instant now, int limit);

  // --- the outbox: outgoing calls, written by the transactions that cause them

  /**
   * Claims up to {@code limit} PENDING deliveries due at {@code now} that no sender holds: each
   * gets one more attempt and is held until {@code leaseUntil}. Of concurrent claimers (one per
   * server) exactly one gets a given delivery; one whose holder died is claimed again once its
   * lease has passed. Returned as claimed.
   */
  List<Delivery> claimDeliveries(Instant now, Instant leaseUntil, int limit);

  /**
   * Stores how the attempt of a claimed delivery ended ({@code after}: delivered, to retry, or
   * failed) and lets go of it; false (nothing changed) when that claim is no longer the current
   * one (its lease ran out and another sender claimed it again).
   */
  boolean finishDelivery(Delivery after);

  /** The outgoing calls of a job, oldest first. */
  List<Delivery> deliveriesOf(String jobId);

  // --- retention

  /**
   * Up to {@code limit} ended jobs due for deletion at {@code now}: their {@code autoDelete.after}
   * has passed, or they ended before {@code endedBefore} (null: no global retention). A job with
   * an outgoing call still PENDING is not due until the call is delivered or given up.
   */
  List<String> jobsToDelete(Instant now, Instant endedBefore, int limit);

  /**
   * Deletes an ended job with everything that belongs to it (runs, log parts, search words,
   * outgoing calls), in one transaction; false (nothing deleted) when it is gone, not ended (a
   * restart took it back) or has a PENDING call.
   */
  boolean deleteEndedJob(String id);

  /** Stores a chunk of one stream's output; returns it with its id. */
  LogPart appendLog(String jobId, String runId, int number, LogPart.Stream stream, String contents, Instant at);

  /** Stores a chunk of standard output; returns it with its id. */
  default LogPart appendLog(String jobId, String runId, int number, String contents, Instant at) {
    return appendLog(jobId, runId, number, LogPart.Stream.STDOUT, contents, at);
  }

  /** A page of a job's log parts (all runs), newest first. */
  Page<LogPart> jobLog(String jobId, int page, int size);

  /** A page of one run's log parts, newest first. */
  Page<LogPart> runLog(String runId, int page, int size);

  /** A job's log parts with an id above {@code afterId}, oldest first: for followers. */
  List<LogPart> jobLogAfter(String jobId, long afterId, int limit);

  /** The id of the job's newest log part, 0 when it has none: where a live follower starts. */
  long lastLogId(String jobId);

  // --- session runs: their steps and artifacts (see dev.gantry.core.spec.SessionPlan)

  void insertSteps(List<StepRun> steps);

  /** Stores the step's state, exit code and times (its run and index say which). */
  void updateStep(StepRun step);

  /** The steps of a session run, in order; none for another run. */
  List<StepRun> stepsOf(String runId);

  /** Keeps a file a session run collected; returns it with its id. */
  Artifact insertArtifact(String jobId, String runId, String path, String name, byte[] content, Instant at);

  /** A job's artifacts (of every run), in the order they were kept. */
  List<Artifact> artifactsOf(String jobId);

  /** An artifact's bytes, as collected. */
  Optional<byte[]> artifactContent(long artifactId);

  // --- users' stored secrets

  void insertUserSecret(UserSecret secret);

  /** {@code owner}'s secrets, oldest first. */
  List<UserSecret> userSecretsOf(String owner);

  /** Stores a group of jobs (its id is ignored); returns it with the id it got. */
  JobGroup insertGroup(JobGroup group);

  Optional<JobGroup> findGroup(long id);

  // --- job numbers: an integer per job, in the order jobs were stored

  Optional<Long> jobNumber(String jobId);

  Optional<String> jobWithNumber(long number);

  /**
   * At most {@code limit} of {@code owner}'s jobs of {@code dialect} ({@link dev.gantry.core.spec.JobSpec#dialect}),
   * numbered {@code atMost} or less, the highest number first.
   */
  List<JobNumber> numberedJobsOf(String owner, String dialect, long atMost, int limit);

  /** How many of {@code owner}'s jobs are of {@code dialect}. */
  long jobCountOf(String owner, String dialect);

  /** How many runs are QUEUED and RUNNING in each queue that has any. */
  List<QueueLoad> queueLoads();

  // --- delayed starts (releasing one is a transaction: see StoreTransaction#startReleased)

  /** At most {@code limit} ids of jobs whose delayed start is pending and at or before {@code now}, the most overdue first. */
  List<String> dueStarts(Instant now, int limit);

  /** When the job was to start, if it was submitted to start later. */
  Optional<Instant> startOf(String jobId);

  // --- run containers (Daestro's starting and cancelling; see RunContainer)

  /**
   * Sets a RUNNING run's progress to {@code percent} and, in the same transaction, writes the
   * task.Progress calls of its job's webhooks; false (nothing written) when the run is not running
   * or already had that progress.
   */
  boolean recordProgress(String runId, double percent, Instant at);

  /** Records that a container of the run started at {@code at}, unless one did before; a run that is gone is no error. */
  void containerStarted(String runId, String jobId, Instant at);

  /** Records that the run's containers were seen gone at {@code at} after it was stopped (cancelled, lease lost); once. */
  void containerStopped(String runId, Instant at);

  /** The container facts of the job's runs, the earliest start first. */
  List<RunContainer> containersOf(String jobId);

  // --- queue settings (the claim reads them itself)

  /** Stores the settings of a queue, in place of any it had. */
  void saveQueueSettings(QueueSettings settings);

  /** The queues that have settings of their own, by name. */
  List<QueueSettings> queueSettings();

  /** The ids of the jobs that have a run QUEUED in {@code queue}. */
  List<String> jobsQueuedIn(String queue);

  // --- nodes: the processes sharing this store

  /** Registers a node or records its heartbeat: its row afterwards is {@code node}. */
  void saveNode(Node node);

  /**
   * A process starting as node {@code nodeId} (as the node's earlier process did) makes the node
   * its own: raises the node's epoch and returns it. From then on only leases renewed with it hold.
   */
  default long takeOverNode(String nodeId, Instant now) {
    return 0;
  }

  /** The node's epoch now: higher than a process's own when another process took its node id over. */
  default long nodeEpoch(String nodeId) {
    return 0;
  }

  /** Every node the store knows, UP and OFFLINE, oldest first. */
  List<Node> nodes();

  /**
   * Marks OFFLINE the UP nodes whose {@code aliveUntil} is before {@code now} (their heartbeats
   * stopped); returns them as they were. A node that heartbeats meanwhile stays UP.
   */
  List<Node> markNodesOffline(Instant now);

  /** Removes OFFLINE nodes last heard from before {@code cutoff}; returns how many. */
  int forgetNodes(Instant cutoff);

  /** Whether the database answers. */
  boolean isHealthy();

  /**
   * How many writing transactions are worth having open at once. More overlap the waits of a
   * database that commits in parallel; where commits are written one at a time anyway, they only
   * split the work that could have shared one commit.
   */
  default int writeLanes() {
    return 1;
  }

  /** A short description for the start-up line, e.g. {@code H2 file ./gantry-data/gantry}. */
  String describe();

  @Override
  void close();
}
