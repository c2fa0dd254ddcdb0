package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobContext;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecValidator;
import dev.gantry.core.spec.JobTemplates;
import dev.gantry.core.spec.TaskSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens when a job reaches one of its tasks (at submit, after the task before it, at a
 * restart): the task's templates are evaluated and it is queued as evaluated, or skipped by its
 * {@code if} (the job goes on with the next), or failed by a template that does not evaluate;
 * past the last task the job completes with its {@code output}. Pure: the transaction that calls
 * it stores the runs and the job it returns, in the same statements as without templates.
 */
final class TaskActivation {

  /**
   * The runs to insert (skipped and failed ones ended already, at most one queued) and the job
   * after; {@code failure} is the template error that failed the job (null: none).
   */
  record Outcome(List<TaskRun> runs, Job job, InvalidJobException failure) {

    Outcome(List<TaskRun> runs, Job job) {
      this(runs, job, null);
    }
  }

  private TaskActivation() {}

  /**
   * The job reaches the task at {@code position}, as its {@code attempt}th attempt; {@code runs}
   * are the job's runs so far (what {@code tasks.<var>} reads), {@code lastResult} the result of
   * the task that ran last, the job's result when it completes without an {@code output}.
   */
  static Outcome reach(Job job, int position, int attempt, List<TaskRun> runs, String lastResult, Instant now) {
    JobSpec spec = job.spec();
    List<TaskRun> made = new ArrayList<>();
    int at = position;
    int attemptAt = attempt;
    while (at <= job.taskCount()) {
      TaskSpec task = spec.task(at);
      if (!spec.templated()) {
        made.add(TaskRun.queued(Ids.newId(), job.id(), at, attemptAt, 0, 0, null, task.name(), task.queue(), now)
            .withPriority(priority(spec)));
        return new Outcome(made, job.atPosition(at));
      }
      String path = "tasks[" + (at - 1) + "]";
      TaskSpec resolved;
      try {
        resolved = JobTemplates.resolve(task, path, JobContext.of(job, concat(runs, made)));
        if (!JobTemplates.skips(resolved)) {
          JobSpecValidator.resolvedTask(path, resolved);
        }
      } catch (InvalidJobException e) {
        made.add(TaskRun.ended(Ids.newId(), job.id(), at, attemptAt, null, task.name(), task.queue(), RunState.FAILED,
            e.getMessage(), now));
        if (!task.continueOnError()) {
          return new Outcome(made, job.atPosition(at).failed(JobState.FAILED, e.getMessage(), now), e);
        }
        at++;
        attemptAt = 1;
        continue;
      }
      // A run stores its task only where templates changed it.
      TaskSpec carried = resolved.equals(task) ? null : resolved;
      if (JobTemplates.skips(resolved)) {
        made.add(TaskRun.ended(Ids.newId(), job.id(), at, attemptAt, carried, resolved.name(), resolved.queue(),
            RunState.SKIPPED, null, now));
        at++;
        attemptAt = 1;
        continue;
      }
      made.add(TaskRun.queued(Ids.newId(), job.id(), at, attemptAt, 0, 0, carried, resolved.name(), resolved.queue(), now)
          .withPriority(priority(spec)));
      return new Outcome(made, job.atPosition(at));
    }
    return completed(job.atPosition(job.taskCount()), made, concat(runs, made), lastResult, now);
  }

  /** The job past its last task: its result is its {@code output} evaluated, or the last task's result. */
  private static Outcome completed(Job job, List<TaskRun> made, List<TaskRun> runs, String lastResult, Instant now) {
    if (job.spec().output() == null) {
      return new Outcome(made, job.succeeded(lastResult, now));
    }
    try {
      return new Outcome(made, job.succeeded(JobTemplates.output(job.spec(), JobContext.of(job, runs)), now));
    } catch (InvalidJobException e) {
      return new Outcome(made, job.failed(JobState.FAILED, e.getMessage(), now), e);
    }
  }

  /** A job's runs wait in their queue with the job's priority: the higher first; 0 when it set none. */
  private static int priority(JobSpec spec) {
    return spec.priority() == null ? 0 : spec.priority();
  }

  private static List<TaskRun> concat(List<TaskRun> a, List<TaskRun> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<TaskRun> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
