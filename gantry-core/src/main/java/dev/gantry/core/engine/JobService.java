package dev.gantry.core.engine;

import dev.gantry.core.auth.AccessDeniedException;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.Viewer;
import dev.gantry.core.engine.JobStateException.Action;
import dev.gantry.core.job.RunContainer;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.KeptEnvironment;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.Page;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What users do with jobs: submit, cancel, restart and look. Every dialect maps onto this, through
 * the methods that take the caller's {@link Principal}: they check its scopes here, in one place
 * (reading needs {@code jobs:read}, changing {@code jobs:write}), and its access to the job: a
 * job it may not read does not exist for it (404, absent from lists and counts), one it may read
 * but not change refuses changes (403); see {@link dev.gantry.core.auth.JobAccess}. The forms
 * without a principal are the process's own calls (callbacks, tests) and check nothing.
 */
public final class JobService {

  private final Store store;
  private final Signals signals;
  private final Clock clock;
  private final LogFeed logs;
  private final SubmitGroups submits;
  private final HostAccessPolicy hostAccess;
  private final JobAccessCheck access;
  private final CallTargetPolicy callTargets;

  /** Jobs reach nothing of the host ({@link HostAccessPolicy#NONE}). */
  public JobService(Store store, Signals signals, Clock clock) {
    this(store, signals, clock, HostAccessPolicy.NONE);
  }

  /** {@code hostAccess}: what of the host the operator lets jobs reach, checked at every submit and restart. */
  public JobService(Store store, Signals signals, Clock clock, HostAccessPolicy hostAccess) {
    this(store, signals, clock, new LogFeed(store, signals), hostAccess);
  }

  public JobService(Store store, Signals signals, Clock clock, LogFeed logs) {
    this(store, signals, clock, logs, HostAccessPolicy.NONE);
  }

  public JobService(Store store, Signals signals, Clock clock, LogFeed logs, HostAccessPolicy hostAccess) {
    this(store, signals, clock, logs, hostAccess, CallTargetPolicy.PUBLIC_ONLY);
  }

  /** {@code callTargets}: where the operator lets the job's outgoing calls go, checked at submit on the URLs' text. */
  public JobService(Store store, Signals signals, Clock clock, LogFeed logs, HostAccessPolicy hostAccess,
      CallTargetPolicy callTargets) {
    this.callTargets = callTargets;
    this.store = store;
    this.signals = signals;
    this.clock = clock;
    this.logs = logs;
    this.hostAccess = hostAccess;
    this.submits = new SubmitGroups(store);
    this.access = new JobAccessCheck(store);
  }

  /**
   * Stores the job and queues its first task, in one transaction (shared with concurrent submits,
   * see {@link SubmitGroups}); committed when this returns. Refused (nothing stored) when a task
   * would reach more of the host than the operator allows, or when the templates of the job's
   * first task (or of its output, if every task is skipped) do not evaluate
   * ({@link dev.gantry.core.spec.InvalidJobException} naming the field).
   */
  public Job submit(JobSpec spec) {
    return submit(Ids.newId(), spec);
  }

  /**
   * Submits under an id the caller made, for dialects that must know the id before the job
   * exists (Hades puts it into every step's environment). Ids are 1 to 64 letters, digits, '-'
   * or '_'; a duplicate fails the transaction, so use a random one.
   */
  public Job submit(String id, JobSpec spec) {
    return submit(id, null, spec);
  }

  private Job submit(String id, String owner, JobSpec spec) {
    if (!Ids.isWellFormed(id)) {
      throw new IllegalArgumentException("invalid job id '" + id + "'");
    }
    hostAccess.check(spec);
    callTargets.check(spec);
    Instant now = clock.instant();
    Progression first = Progression.submitted(Job.queued(id, owner, spec, now), now);
    if (first.failure() != null) {
      // The first task's templates read only inputs and the job: they would fail every time, so the job is refused.
      throw first.failure();
    }
    Job job = first.job();
    submits.store(job, first.insertedJobs(), first.insertedRuns(), first.savedNodes());
    if (job.state().isTerminal()) {
      // Every task skipped by its if: the job completed as it was stored.
      signals.jobEnded(job.id());
    } else {
      signals.workQueued();
    }
    return job;
  }

  /** {@link #submit(JobSpec)} for {@code caller}, which needs {@code jobs:write}; the caller owns the job. */
  public Job submit(Principal caller, JobSpec spec) {
    return submit(caller, Ids.newId(), spec);
  }

  /** {@link #submit(String, JobSpec)} for {@code caller}, which needs {@code jobs:write}; the caller owns the job. */
  public Job submit(Principal caller, String id, JobSpec spec) {
    caller.require(Scope.JOBS_WRITE);
    return submit(id, caller.user(), spec);
  }

  /**
   * Stores the job {@link dev.gantry.core.job.JobState#HELD}, without runs, for {@code caller}
   * (who needs {@code jobs:write} and owns it); {@link #start} queues it. Refused now, as a submit
   * would be, when its first task could never start.
   */
  public Job submitHeld(Principal caller, JobSpec spec) {
    caller.require(Scope.JOBS_WRITE);
    hostAccess.check(spec);
    Instant now = clock.instant();
    Job job = Job.held(Ids.newId(), caller.user(), spec, now);
    Progression first = Progression.submitted(job.requeued(), now);
    if (first.failure() != null) {
      throw first.failure();
    }
    submits.store(job, List.of());
    return job;
  }

  /**
   * Queues a HELD job's first task through {@link Progression#submitted}, as {@link StartReleaser}
   * does for a delayed start; {@code caller} needs write access to the job; a job in another state
   * is a {@link JobStateException}.
   */
  public Job start(Principal caller, String jobId) {
    access.changeable(caller, jobId);
    Instant now = clock.instant();
    ProgressWrites.Applied applied = store.inTransaction(tx -> {
      Job job = lock(tx, jobId);
      if (job.state() != JobState.HELD) {
        throw new JobStateException(jobId, job.state(), Action.START);
      }
      Progression first = Progression.submitted(job.requeued(), now);
      if (first.failure() != null) {
        throw first.failure();
      }
      return ProgressWrites.apply(tx, first, now);
    });
    applied.announce(signals);
    return store.findJob(jobId).orElseThrow();
  }

  /**
   * {@link #submit(Principal, String, JobSpec)} to start at {@code startAt}: when that is in the
   * future, the job is stored SCHEDULED, without runs, and {@link StartReleaser} queues its first
   * task then; null or a time that has come: at once. Refused as a submit now would be.
   */
  public Job submit(Principal caller, String id, JobSpec spec, Instant startAt) {
    caller.require(Scope.JOBS_WRITE);
    Instant now = clock.instant();
    if (startAt == null || !startAt.isAfter(now)) {
      return submit(id, caller.user(), spec);
    }
    return submitAlone(caller, id, spec, startAt, null);
  }

  /**
   * {@link #submit(Principal, String, JobSpec, Instant)} of a job whose name must be unique in
   * {@code queue} (Daestro's): InvalidJobException on {@code name} when a job of that name was
   * submitted there before, and nothing is stored.
   */
  public Job submitNamed(Principal caller, String id, JobSpec spec, Instant startAt, String queue) {
    caller.require(Scope.JOBS_WRITE);
    return submitAlone(caller, id, spec, startAt, queue);
  }

  /** A submit in a transaction of its own (not grouped): it may start later, and may reserve its name. */
  private Job submitAlone(Principal caller, String id, JobSpec spec, Instant startAt, String uniqueIn) {
    if (!Ids.isWellFormed(id)) {
      throw new IllegalArgumentException("invalid job id '" + id + "'");
    }
    hostAccess.check(spec);
    Instant now = clock.instant();
    boolean later = startAt != null && startAt.isAfter(now);
    Job made = later ? Job.scheduled(id, caller.user(), spec, now) : Job.queued(id, caller.user(), spec, now);
    // Reached now also when it starts later: a job whose first task could never start is refused now.
    Progression first = Progression.submitted(made, now);
    if (first.failure() != null) {
      throw first.failure();
    }
    Job job = later ? made : first.job();
    store.inTransaction(tx -> {
      if (uniqueIn != null && !tx.reserveJobName(uniqueIn, spec.name(), id)) {
        throw new InvalidJobException("name", "a job named '" + Echo.of(spec.name()) + "' was submitted to queue '"
            + Echo.of(uniqueIn) + "' already: names are unique in their queue");
      }
      tx.insertJob(job);
      if (later) {
        tx.delayStart(id, startAt);
      } else {
        // As a grouped submit stores them: the sub-jobs it started, its first runs and its composites' rows.
        if (!first.insertedJobs().isEmpty()) {
          tx.insertJobs(first.insertedJobs());
        }
        if (!first.insertedRuns().isEmpty()) {
          tx.insertRuns(first.insertedRuns());
        }
        if (!first.savedNodes().isEmpty()) {
          tx.saveNodes(first.savedNodes());
        }
      }
      return null;
    });
    if (job.state().isTerminal()) {
      signals.jobEnded(job.id());
    } else if (!later) {
      signals.workQueued();
    }
    return job;
  }

  /** Where the operator lets outgoing calls go: a dialect that calls out at once (not through the outbox) holds to it too. */
  public CallTargetPolicy callTargets() {
    return callTargets;
  }

  /** When the job was to start, if it was submitted to start later; {@code caller} needs {@code jobs:read}. */
  public Optional<Instant> startOf(Principal caller, String jobId) {
    access.readable(caller, jobId);
    return store.startOf(jobId);
  }

  /** {@link #cancel(String)} for {@code caller}, which needs {@code jobs:write} and write access to the job. */
  public void cancel(Principal caller, String jobId) {
    access.changeable(caller, jobId);
    cancel(jobId);
  }

  /** {@link #restart(String)} for {@code caller}, which needs {@code jobs:write} and write access to the job. */
  public void restart(Principal caller, String jobId) {
    access.changeable(caller, jobId);
    restart(jobId);
  }

  /**
   * The job's environment kept after its build, for a shell in it: {@code caller} needs
   * {@code jobs:write}, write access to the job, and to be its owner or an admin. Write access
   * alone is not enough (a grantee may cancel or restart a job, never read its secrets), and a
   * shell reads everything the build had: its secret files and environment, as builds.sr.ht lets
   * only the job's owner connect.
   *
   * @throws NoKeptEnvironmentException when the job is still running, or kept none, or its keep time ended
   */
  public KeptEnvironment keptEnvironment(Principal caller, String jobId) {
    access.changeable(caller, jobId);
    Job job = store.findJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
    if (!caller.isAdmin() && !caller.user().equals(job.owner())) {
      throw new AccessDeniedException(caller.user() + " may change job " + jobId + " but not open a shell in it:"
          + " a shell reads the build's secrets, so only its owner or an admin may");
    }
    return new KeptEnvironments(store).of(job, clock.instant());
  }

  /** The job, if {@code caller} may read it; NotFoundException as if it did not exist otherwise. */
  public Job job(Principal caller, String jobId) {
    caller.require(Scope.JOBS_READ);
    return access.readable(caller, jobId);
  }

  public List<TaskRun> runs(Principal caller, String jobId) {
    job(caller, jobId);
    return store.runsOf(jobId);
  }

  /** When the containers of the job's runs started, and stopped after a cancel ({@link RunContainer}); {@code caller} needs {@code jobs:read}. */
  public List<RunContainer> containers(Principal caller, String jobId) {
    access.readable(caller, jobId);
    return store.containersOf(jobId);
  }

  /** A task run of a job {@code caller} may read; NotFoundException for the run otherwise. */
  public TaskRun run(Principal caller, String runId) {
    caller.require(Scope.JOBS_READ);
    return access.readableRun(caller, runId);
  }

  /** The jobs {@code caller} may read that match, counted in the store, so pages and totals hold only those. */
  public Page<Job> list(Principal caller, JobQuery query) {
    caller.require(Scope.JOBS_READ);
    Viewer viewer = access.viewer(caller);
    return list(viewer.seesAll() ? query : query.visibleTo(viewer.grantees()));
  }

  public Page<LogPart> jobLog(Principal caller, String jobId, int page, int size) {
    job(caller, jobId);
    return store.jobLog(jobId, page, size);
  }

  public Page<LogPart> runLog(Principal caller, String runId, int page, int size) {
    run(caller, runId);
    return store.runLog(runId, page, size);
  }

  public LogFollower follow(Principal caller, String jobId, long afterId) {
    job(caller, jobId);
    return follow(jobId, afterId);
  }

  /** Ends the job as CANCELLED; running tasks are stopped by the workers holding them. */
  public void cancel(String jobId) {
    Instant now = clock.instant();
    String root = job(jobId).rootId();
    ProgressWrites.Applied applied = store.inTransaction(tx -> {
      Job job = lockInTree(tx, root, jobId);
      if (!job.state().isCancellable()) {
        throw new JobStateException(jobId, job.state(), Action.CANCEL);
      }
      return ProgressWrites.apply(tx, Progression.cancelled(job, now), now);
    });
    applied.announce(signals);
  }

  /**
   * Runs a FAILED, CANCELLED or TIMED_OUT job again from the task it stopped at. A job stored
   * before the operator narrowed what jobs may reach is refused, as a new submit of it would be.
   */
  public void restart(String jobId) {
    Instant now = clock.instant();
    String root = job(jobId).rootId();
    ProgressWrites.Applied applied = store.inTransaction(tx -> {
      Job job = lockInTree(tx, root, jobId);
      if (!job.state().isRestartable()) {
        throw new JobStateException(jobId, job.state(), Action.RESTART);
      }
      hostAccess.check(job.spec());
      List<TaskRun> runs = tx.runsOf(jobId);
      int attempts = (int) runs.stream().filter(r -> r.position() == job.position() && r.path().depth() == 1).count();
      Progression again = Progression.restarted(job, ProgressWrites.load(tx, job, NodePath.top(job.position())),
          EachItems.of(tx, job.id()), attempts + 1, now);
      return ProgressWrites.apply(tx, again, now);
    });
    applied.announce(signals);
  }

  /** The outgoing calls (callbacks, webhooks) of a job, oldest first, with how each went. */
  public List<Delivery> deliveries(Principal caller, String jobId) {
    job(caller, jobId);
    return store.deliveriesOf(jobId);
  }

  public Job job(String jobId) {
    return store.findJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
  }

  /** Every attempt of every task of the job, in order. */
  public List<TaskRun> runs(String jobId) {
    job(jobId);
    return store.runsOf(jobId);
  }

  public TaskRun run(String runId) {
    return store.findRun(runId).orElseThrow(() -> new NotFoundException("task", runId));
  }

  public Page<Job> list(JobQuery query) {
    return store.listJobs(query);
  }

  public Page<LogPart> jobLog(String jobId, int page, int size) {
    job(jobId);
    return store.jobLog(jobId, page, size);
  }

  public Page<LogPart> runLog(String runId, int page, int size) {
    run(runId);
    return store.runLog(runId, page, size);
  }

  /** A job's log parts after {@code afterId}, oldest first: what a follower has not seen yet. */
  public List<LogPart> logAfter(String jobId, long afterId, int limit) {
    return store.jobLogAfter(jobId, afterId, limit);
  }

  /**
   * Follows a job's output live, from the part after {@code afterId} (0: from the start) until
   * the job ends. The caller must close the follower.
   */
  public LogFollower follow(String jobId, long afterId) {
    return logs.follow(jobId, afterId);
  }

  /** Log followers open in this process. */
  public int logFollowers() {
    return logs.followerCount();
  }

  /** Runs {@code listener} with the job's id whenever a job ends; it must return quickly. */
  public void onJobEnded(Consumer<String> listener) {
    signals.onJobEnded(listener);
  }

  /** Numbers, steps, step logs and artifacts of session jobs, over the same store. */
  public SessionJobs sessions() {
    return new SessionJobs(store, this);
  }

  /** Groups of jobs started and cancelled together, over the same store. */
  public JobGroups groups() {
    return new JobGroups(store, clock);
  }

  /** The secrets users store to name in their jobs, over the same store. */
  public UserSecrets userSecrets() {
    return new UserSecrets(store, clock);
  }

  public boolean isHealthy() {
    return store.isHealthy();
  }

  /** Locks the job, the root of its tree first ({@code rootId}; the job's own id when it is no sub-job). */
  private static Job lockInTree(StoreTransaction tx, String rootId, String jobId) {
    if (!rootId.equals(jobId)) {
      lock(tx, rootId);
    }
    return lock(tx, jobId);
  }

  static Job lock(StoreTransaction tx, String jobId) {
    return tx.lockJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
  }

}
