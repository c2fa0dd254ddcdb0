package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.TaskSpec;
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
   * transaction that locks the job.
   */
  public Job started(TaskRun run) {
    boolean surelyFirst = run.position() == 1 && run.attempt() == 1;
    Optional<Job> seen = surelyFirst ? Optional.empty() : store.findJob(run.jobId());
    if (seen.isPresent() && seen.get().state() != JobState.QUEUED) {
      return seen.get();
    }
    Instant now = clock.instant();
    return store.inTransaction(tx -> {
      Job job = JobService.lock(tx, run.jobId());
      if (job.state() != JobState.QUEUED) {
        return job;
      }
      Job running = job.running(now);
      tx.updateJob(running);
      return running;
    });
  }

  /**
   * Records how a run ended and moves its job on. Returns the job as it now stands, or empty when
   * the run had already been ended by someone else (cancelled, or re-queued after a lost lease).
   */
  public Optional<Job> finished(TaskRun run, RunState end, Integer exitCode, String result, String error) {
    Instant now = clock.instant();
    Optional<Job> after = store.inTransaction(tx -> {
      Job job = JobService.lock(tx, run.jobId());
      List<TaskRun> runs = tx.runsOf(run.jobId());
      Optional<TaskRun> current = stillRunning(runs, run);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      TaskRun done = current.get().finished(end, exitCode, result, error, now);
      tx.updateRun(done);
      return Optional.of(advance(tx, job, done, replaced(runs, done), now));
    });
    announce(after);
    return after;
  }

  /**
   * Ends a run and its whole job as TIMED_OUT because the job's own deadline passed: no retry,
   * no continue-on-error. Empty when the run had already been ended by someone else.
   */
  public Optional<Job> jobTimedOut(TaskRun run, Integer exitCode, String reason) {
    Instant now = clock.instant();
    Optional<Job> after = store.inTransaction(tx -> {
      Job job = JobService.lock(tx, run.jobId());
      Optional<TaskRun> current = stillRunning(tx.runsOf(run.jobId()), run);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      tx.updateRun(current.get().finished(RunState.TIMED_OUT, exitCode, null, reason, now));
      if (job.state().isTerminal()) {
        return Optional.of(job);
      }
      Job timedOut = job.failed(JobState.TIMED_OUT, reason, now);
      tx.updateJob(timedOut);
      return Optional.of(timedOut);
    });
    announce(after);
    return after;
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
    Optional<Job> after = store.inTransaction(tx -> {
      Job job = JobService.lock(tx, run.jobId());
      Optional<TaskRun> current = stillRunning(tx.runsOf(run.jobId()), run)
          .filter(r -> !onlyIfExpired || (r.leaseUntil() != null && r.leaseUntil().isBefore(now)));
      if (current.isEmpty()) {
        return Optional.empty();
      }
      TaskRun lost = current.get();
      tx.updateRun(lost.finished(RunState.FAILED, null, null, reason, now));
      if (lost.lost() + 1 >= maxLost) {
        Job failed = job.failed(JobState.FAILED, "task '" + lost.name() + "': " + reason + " (" + maxLost + " times)", now);
        tx.updateJob(failed);
        return Optional.of(failed);
      }
      tx.insertRun(TaskRun.queued(Ids.newId(), job.id(), lost.position(), lost.attempt() + 1, lost.retries(),
          lost.lost() + 1, lost.task(), lost.name(), lost.queue(), now).withPriority(lost.priority()));
      return Optional.of(job);
    });
    announce(after);
    return after;
  }

  /** After the transaction: wake workers for the next task, or tell followers the job ended. */
  private void announce(Optional<Job> after) {
    after.ifPresent(job -> {
      if (job.state().isTerminal()) {
        signals.jobEnded(job.id());
      } else {
        signals.workQueued();
      }
    });
  }

  /** {@code runs}: the job's runs with {@code done} as it ended, what the next task's templates read. */
  private Job advance(StoreTransaction tx, Job job, TaskRun done, List<TaskRun> runs, Instant now) {
    if (job.state().isTerminal()) {
      return job;
    }
    TaskSpec task = done.taskIn(job.spec());
    if (done.state() != RunState.SUCCEEDED && done.retries() < task.retryLimit()) {
      // A retry runs the task as it was evaluated for the attempt before.
      tx.insertRun(TaskRun.queued(Ids.newId(), job.id(), done.position(), done.attempt() + 1, done.retries() + 1,
          done.lost(), done.task(), done.name(), done.queue(), now).withPriority(done.priority()));
      return job;
    }
    // Hades' continue_on_error: the failed task stays FAILED, the job goes on as if it had passed.
    if (done.state() == RunState.SUCCEEDED || task.continueOnError()) {
      TaskActivation.Outcome next = TaskActivation.reach(job, done.position() + 1, 1, runs, done.result(), now);
      if (!next.runs().isEmpty()) {
        tx.insertRuns(next.runs());
      }
      tx.updateJob(next.job());
      return next.job();
    }
    Job failed = job.failed(JobState.FAILED, done.error(), now);
    tx.updateJob(failed);
    return failed;
  }

  private static List<TaskRun> replaced(List<TaskRun> runs, TaskRun done) {
    return runs.stream().map(r -> r.id().equals(done.id()) ? done : r).toList();
  }

  private static Optional<TaskRun> stillRunning(List<TaskRun> runs, TaskRun run) {
    return runs.stream()
        .filter(r -> r.id().equals(run.id()) && r.state() == RunState.RUNNING && run.nodeId().equals(r.nodeId()))
        .findFirst();
  }
}
