package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.KeptEnvironment;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.SessionPlan;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Store;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which session environments are kept after their build ({@link SessionPlan.Keep}), and until when:
 * derived from the stored runs alone (their state, end and plan), so that every process, and one
 * restarted meanwhile, agrees without a record of its own.
 */
final class KeptEnvironments {

  private final Store store;

  KeptEnvironments(Store store) {
    this.store = store;
  }

  /** Until when {@code run}'s environment would be kept, by its own state and plan; null when not (not a kept session, still running, cancelled). */
  private static Instant until(TaskRun run, Job job) {
    if (run.isActive()) {
      return null;
    }
    TaskSpec task = run.taskIn(job.spec());
    SessionPlan.Keep keep = task.session() == null ? null : task.session().keep();
    return keep == null ? null : keep.until(run.state(), run.completedAt());
  }

  /**
   * The job's kept environment at {@code now}, if it has one: only an ended job's, and only its
   * latest session run's (an attempt whose worker was lost is not kept, though it FAILED: the job
   * went on without it).
   */
  Optional<KeptEnvironment> current(Job job, Instant now) {
    if (!job.state().isTerminal()) {
      return Optional.empty();
    }
    return latestSession(job).flatMap(run -> {
      Instant until = until(run, job);
      return until != null && until.isAfter(now) ? Optional.of(new KeptEnvironment(job.id(), run.id(), until))
          : Optional.empty();
    });
  }

  /** As {@link #current}, or why not. */
  KeptEnvironment of(Job job, Instant now) {
    if (!job.state().isTerminal()) {
      throw new NoKeptEnvironmentException(job.id(), "it is " + job.state()
          + "; a build's environment is kept (and a shell opens in it) once the build has ended");
    }
    Optional<TaskRun> latest = latestSession(job);
    if (latest.isEmpty()) {
      throw new NoKeptEnvironmentException(job.id(), "it is not a build run in one environment (a session)");
    }
    Instant until = until(latest.get(), job);
    if (until == null) {
      throw new NoKeptEnvironmentException(job.id(), "its build " + latest.get().state()
          + " and its environment was not kept (only a failed build's is, or any with shell: true)");
    }
    if (!until.isAfter(now)) {
      throw new NoKeptEnvironmentException(job.id(), "its keep time ended at " + until);
    }
    return new KeptEnvironment(job.id(), latest.get().id(), until);
  }

  private Optional<TaskRun> latestSession(Job job) {
    return store.runsOf(job.id()).stream()
        .filter(run -> run.taskIn(job.spec()).session() != null)
        .max(Comparator.comparing(TaskRun::createdAt).thenComparingInt(TaskRun::attempt));
  }
}
