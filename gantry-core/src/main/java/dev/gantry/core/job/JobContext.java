package dev.gantry.core.job;

import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobTemplates;
import dev.gantry.core.spec.Secrets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job's templates read ({@link JobTemplates#NAMES}): its {@code inputs}, {@code tasks}
 * (the result of each completed task that has a {@code var}, the latest attempt's) and
 * {@code job} ({@code id}, {@code name}) and {@code secrets} (references, never values). Made from the job and its runs, which every transition
 * that makes a task runnable has read already, so it costs no query.
 */
public final class JobContext {

  private JobContext() {}

  public static Map<String, Object> of(Job job, List<TaskRun> runs) {
    return of(job, results(job.spec(), runs));
  }

  /** The context with {@code results} (by var) as {@code tasks}: what the job's ROOT row keeps. */
  public static Map<String, Object> of(Job job, Map<String, String> results) {
    JobSpec spec = job.spec();
    return Map.of(
        "inputs", Map.<String, Object>copyOf(spec.inputs()),
        "tasks", Map.<String, Object>copyOf(results),
        "job", Map.of("id", job.id(), "name", job.name()),
        "secrets", Secrets.references(spec.secrets()));
  }

  /** The result of each completed task that has a {@code var}, the latest attempt's: for jobs stored before ROOT rows. */
  public static Map<String, String> results(JobSpec spec, List<TaskRun> runs) {
    Map<String, String> tasks = new HashMap<>();
    for (TaskRun run : runs) {
      String var = run.taskIn(spec).var();
      if (var != null && run.state() == RunState.SUCCEEDED) {
        tasks.put(var, run.result() == null ? "" : run.result());
      }
    }
    return tasks;
  }
}
