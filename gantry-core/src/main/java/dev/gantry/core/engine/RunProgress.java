package dev.gantry.core.engine;

import dev.gantry.core.cluster.WorkspacePinning;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a job moves on when one of its runs starts or ends: the next task, a retry, or the job's
 * end. Each transition is one transaction that locks the job first, so a cancel, a worker and the
 * lease reaper never overwrite each other; a run that is no longer RUNNING is left alone.
 */
public final class RunProgress {

  private final Store store;
  private final Signals signals;
  private final Clock clock;
  private final int maxLost;

  /** {@code maxLost}: how many times a task may lose its worker before it fails. */
  public RunProgress(Store store, Signals signals, Clock clock, int maxLost) {
    this.store = store;
    this.signals = signals;
    this.clock = clock;
    this.maxLost = maxLost;
  }

  /**
   * Marks the job RUNNING when a run of it has been claimed; returns the job. Only a job's first
   * run (or the first after a restart) changes it: for the others a read does, without a
   * transaction that locks the job. A run below a composite (an each's element, a parallel's
   * task) is surely first only when its job is still QUEUED: the 999 other elements of an each of
   * 1,000 read the job instead of queueing up for its lock behind their siblings' ends.
   */
  public Job started(TaskRun run) {
    boolean surelyFirst = run.position() == 1 && run.attempt() == 1 && run.path().depth() == 1;
    Optional<Job> seen = surelyFirst ? Optional.empty() : store.findJob(run.jobId());
    if (seen.isPresent() && seen.get().state() != JobState.QUEUED) {
      return seen.get();
    }
    Instant now = clock.instant();
    return store.inTransaction(tx -> {
      Job job = lockInTree(tx, run);
      if (job.state() != JobState.QUEUED) {
        return job;
      }
      Job running = job.running(now);
      tx.updateJob(running);
      // A sub-job's parents run as long as it does: they have no run of their own meanwhile.
      for (Job child = running; child.parent() != null; ) {
        Job parent = JobService.lock(tx, child.parentId());
        if (parent.state() != JobState.QUEUED) {
          break;
        }
        child = parent.running(now);
        tx.updateJob(child);
      }
      return running;
    });
  }

  /**
   * Records how a run ended and moves its job on. Returns the job as it now stands, or empty when
   * the run had already been ended by someone else (cancelled, or re-queued after a lost lease).
   * Reads the run, its ancestors' rows and (for a job with vars) the ROOT row: never every run of the job.
   */
  public Optional<Job> finished(TaskRun run, RunState end, Integer exitCode, String result, String error) {
    Instant now = clock.instant();
    return transition(run, false, (tx, job, current) -> Progression.runEnded(job,
        ProgressWrites.load(tx, job, current.path()), EachItems.of(tx, job.id()),
        current.finished(end, exitCode, result, error, now), now));
  }

  /**
   * Ends a run and its whole job as TIMED_OUT because the job's own deadline passed: no retry,
   * no continue-on-error. Empty when the run had already been ended by someone else.
   */
  public Optional<Job> jobTimedOut(TaskRun run, Integer exitCode, String reason) {
    Instant now = clock.instant();
    return transition(run, false, (tx, job, current) -> Progression.jobTimedOut(job, current, exitCode, reason, now));
  }

  /**
   * Gives back a run its worker could not finish (the worker stopped or was lost): the run ends
   * FAILED with {@code reason} and the task is queued again, without using its retry budget. A
   * task that lost its worker {@code maxLost} times fails the job.
   */
  public Optional<Job> handBack(TaskRun run, String reason) {
    return handBack(run, reason, false);
  }

  /** Hands back a run whose lease ran out, unless its worker renewed the lease meanwhile. */
  public Optional<Job> reclaimExpired(TaskRun run) {
    return handBack(run, "worker lost", true);
  }

  private Optional<Job> handBack(TaskRun run, String reason, boolean onlyIfExpired) {
    Instant now = clock.instant();
    return transition(run, onlyIfExpired, (tx, job, current) -> Progression.runLost(job, current, reason, maxLost, now));
  }

  /**
   * Starts the job again from its first task on a fresh workspace when the engine it is pinned to
   * has had no node alive since {@code aliveSince} and none of its runs holds a lease still: checked
   * again in the transaction, under the job's lock, so that of several servers one does it, once.
   * Returns the job as it now stands, or empty when there was nothing to do.
   */
  public Optional<Job> engineLost(String jobId, Instant aliveSince) {
    Optional<Job> seen = store.findJob(jobId);
    if (seen.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<Moved> moved = store.inTransaction(tx -> {
      if (!seen.get().rootId().equals(jobId)) {
        JobService.lock(tx, seen.get().rootId());
      }
      Job job = JobService.lock(tx, jobId);
      Optional<String> engine = tx.lostEngineOf(jobId, aliveSince);
      if (engine.isEmpty()) {
        return Optional.empty();
      }
      if (job.state().isTerminal()) {
        tx.unpinEngine(jobId); // a pin outliving its job: nothing to start again
        return Optional.empty();
      }
      List<TaskRun> active = tx.activeRuns(jobId, null);
      if (active.stream().anyMatch(r -> r.state() == RunState.RUNNING && (r.leaseUntil() == null || !r.leaseUntil().isBefore(now)))) {
        return Optional.empty(); // a run still holds its lease: its worker may yet renew it
      }
      List<TaskRun> runs = tx.runsOf(jobId);
      int attempt = runs.stream().filter(r -> r.position() == 1).mapToInt(TaskRun::attempt).max().orElse(0) + 1;
      Progression progression = Progression.engineLost(job, active, engine.get(), WorkspacePinning.lostEngines(runs), attempt, now);
      return Optional.of(new Moved(progression.job(), ProgressWrites.apply(tx, progression, now)));
    });
    moved.ifPresent(m -> m.applied().announce(signals));
    return moved.map(Moved::job);
  }

  /** What a transition decides, given the locked job and the run as it is stored (still RUNNING on its node). */
  private interface Decision {
    Progression decide(StoreTransaction tx, Job job, TaskRun current);
  }

  /**
   * The one transaction shell: lock the job, re-check that the run is still RUNNING on its node
   * (and, for the reaper, that its lease is over), apply what the {@link Progression} decided,
   * announce after the commit.
   */
  private Optional<Job> transition(TaskRun run, boolean onlyIfExpired, Decision decision) {
    Instant now = clock.instant();
    Optional<Moved> moved = store.inTransaction(tx -> {
      Job job = lockInTree(tx, run);
      Optional<TaskRun> current = tx.findRun(run.id())
          .filter(r -> r.state() == RunState.RUNNING && run.nodeId().equals(r.nodeId()))
          .filter(r -> !onlyIfExpired || (r.leaseUntil() != null && r.leaseUntil().isBefore(now)));
      if (current.isEmpty()) {
        return Optional.empty();
      }
      Progression progression = decision.decide(tx, job, current.get());
      return Optional.of(new Moved(progression.job(), ProgressWrites.apply(tx, progression, now)));
    });
    moved.ifPresent(m -> m.applied().announce(signals));
    return moved.map(Moved::job);
  }

  /** The job after a transition, and what to announce once it committed. */
  private record Moved(Job job, ProgressWrites.Applied applied) {}

  /** Locks the run's job, the root of its tree first when it is a sub-job: every change in a tree locks in that order. */
  private static Job lockInTree(StoreTransaction tx, TaskRun run) {
    if (run.rootJobId() != null) {
      JobService.lock(tx, run.rootJobId());
    }
    return JobService.lock(tx, run.jobId());
  }

}
