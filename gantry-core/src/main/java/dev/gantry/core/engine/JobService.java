package dev.gantry.core.engine;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.engine.JobStateException.Action;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.Page;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What users do with jobs: submit, cancel, restart and look. Every dialect maps onto this, through
 * the methods that take the caller's {@link Principal}: they check its scopes here, in one place
 * (reading needs {@code jobs:read}, changing {@code jobs:write}). The forms without a principal
 * are the process's own calls (callbacks, tests) and check nothing.
 */
public final class JobService {

  private final Store store;
  private final Signals signals;
  private final Clock clock;
  private final LogFeed logs;
  private final SubmitGroups submits;
  private final HostAccessPolicy hostAccess;

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
    this.store = store;
    this.signals = signals;
    this.clock = clock;
    this.logs = logs;
    this.hostAccess = hostAccess;
    this.submits = new SubmitGroups(store);
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
    Instant now = clock.instant();
    TaskActivation.Outcome first = TaskActivation.reach(Job.queued(id, owner, spec, now), 1, 1, List.of(), null, now);
    if (first.failure() != null) {
      // The first task's templates read only inputs and the job: they would fail every time, so the job is refused.
      throw first.failure();
    }
    Job job = first.job();
    submits.store(job, first.runs());
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
   * (who needs {@code jobs:write} and owns it); {@link #start} queues it.
   */
  public Job submitHeld(Principal caller, JobSpec spec) {
    caller.require(Scope.JOBS_WRITE);
    hostAccess.check(spec);
    Job job = Job.held(Ids.newId(), caller.user(), spec, clock.instant());
    submits.store(job, List.of());
    return job;
  }

  /** Queues a HELD job's first task; a job in another state is a {@link JobStateException}. */
  public Job start(Principal caller, String jobId) {
    caller.require(Scope.JOBS_WRITE);
    Instant now = clock.instant();
    Job started = store.inTransaction(tx -> {
      Job job = lock(tx, jobId);
      if (job.state() != JobState.HELD) {
        throw new JobStateException(jobId, job.state(), Action.START);
      }
      TaskActivation.Outcome first = TaskActivation.reach(job.requeued(), 1, 1, List.of(), null, now);
      if (first.failure() != null) {
        throw first.failure();
      }
      if (!first.runs().isEmpty()) {
        tx.insertRuns(first.runs());
      }
      tx.updateJob(first.job());
      return first.job();
    });
    if (started.state().isTerminal()) {
      signals.jobEnded(jobId);
    } else {
      signals.workQueued();
    }
    return started;
  }

  /** {@link #cancel(String)} for {@code caller}, which needs {@code jobs:write}. */
  public void cancel(Principal caller, String jobId) {
    caller.require(Scope.JOBS_WRITE);
    cancel(jobId);
  }

  /** {@link #restart(String)} for {@code caller}, which needs {@code jobs:write}. */
  public void restart(Principal caller, String jobId) {
    caller.require(Scope.JOBS_WRITE);
    restart(jobId);
  }

  public Job job(Principal caller, String jobId) {
    caller.require(Scope.JOBS_READ);
    return job(jobId);
  }

  public List<TaskRun> runs(Principal caller, String jobId) {
    caller.require(Scope.JOBS_READ);
    return runs(jobId);
  }

  public TaskRun run(Principal caller, String runId) {
    caller.require(Scope.JOBS_READ);
    return run(runId);
  }

  public Page<Job> list(Principal caller, JobQuery query) {
    caller.require(Scope.JOBS_READ);
    return list(query);
  }

  public Page<LogPart> jobLog(Principal caller, String jobId, int page, int size) {
    caller.require(Scope.JOBS_READ);
    return jobLog(jobId, page, size);
  }

  public Page<LogPart> runLog(Principal caller, String runId, int page, int size) {
    caller.require(Scope.JOBS_READ);
    return runLog(runId, page, size);
  }

  public LogFollower follow(Principal caller, String jobId, long afterId) {
    caller.require(Scope.JOBS_READ);
    return follow(jobId, afterId);
  }

  /** Ends the job as CANCELLED; running tasks are stopped by the workers holding them. */
  public void cancel(String jobId) {
    Instant now = clock.instant();
    store.inTransaction(tx -> {
      Job job = lock(tx, jobId);
      if (!job.state().isCancellable()) {
        throw new JobStateException(jobId, job.state(), Action.CANCEL);
      }
      tx.updateJob(job.cancelled(now));
      for (TaskRun run : tx.runsOf(jobId)) {
        if (run.isActive()) {
          tx.updateRun(run.finished(RunState.CANCELLED, null, null, "cancelled", now));
        }
      }
      return null;
    });
    signals.jobCancelled(jobId);
    signals.jobEnded(jobId);
  }

  /**
   * Runs a FAILED, CANCELLED or TIMED_OUT job again from the task it stopped at. A job stored
   * before the operator narrowed what jobs may reach is refused, as a new submit of it would be.
   */
  public void restart(String jobId) {
    Instant now = clock.instant();
    Job after = store.inTransaction(tx -> {
      Job job = lock(tx, jobId);
      if (!job.state().isRestartable()) {
        throw new JobStateException(jobId, job.state(), Action.RESTART);
      }
      hostAccess.check(job.spec());
      List<TaskRun> runs = tx.runsOf(jobId);
      int attempts = (int) runs.stream().filter(r -> r.position() == job.position()).count();
      TaskActivation.Outcome again = TaskActivation.reach(job.requeued(), job.position(), attempts + 1, runs, null, now);
      if (!again.runs().isEmpty()) {
        tx.insertRuns(again.runs());
      }
      tx.updateJob(again.job());
      return again.job();
    });
    if (after.state().isTerminal()) {
      signals.jobEnded(jobId);
    } else {
      signals.workQueued();
    }
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

  static Job lock(StoreTransaction tx, String jobId) {
    return tx.lockJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
  }

}
