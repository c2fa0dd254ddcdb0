package dev.gantry.core.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated job as submitted: what to run, independent of which dialect it came in.
 * {@code timeout} bounds the whole job from its start (null: no limit); {@code priority} is kept
 * as given (null: not set; it does not order the queue yet); {@code callbackUrl} receives the
 * job's logs when it ends (null: none). {@code inputs} are values for the job's templates;
 * {@code output} (null: none) is evaluated when the job completes and becomes its result.
 * {@code secrets} are values templates may place into a task's env, cmd and entrypoint, shown
 * nowhere ({@link Secrets}). {@code templated}: the job's texts hold {@code {{ }}} templates (Tork's jobs), evaluated when a
 * task becomes runnable ({@link JobTemplates}); false for dialects whose texts are taken as written,
 * and for jobs that use no expression at all, so that those never pay for evaluation.
 * {@code annotations}: what the dialect that submitted the job keeps with it as text (its document
 * as submitted, fields of its own); the core neither reads nor shows them.
 */
public record JobSpec(
    String name,
    String description,
    List<String> tags,
    Map<String, String> env,
    List<TaskSpec> tasks,
    Duration timeout,
    Integer priority,
    String callbackUrl,
    Map<String, String> inputs,
    String output,
    boolean templated,
    Map<String, String> secrets,
    Map<String, String> annotations) {

  public JobSpec {
    tags = List.copyOf(tags);
    env = Map.copyOf(env);
    tasks = List.copyOf(tasks);
    inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** A job without annotations. */
  public JobSpec(String name, String description, List<String> tags, Map<String, String> env, List<TaskSpec> tasks,
      Duration timeout, Integer priority, String callbackUrl, Map<String, String> inputs, String output,
      boolean templated, Map<String, String> secrets) {
    this(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated, secrets, Map.of());
  }

  /** A job without secrets. */
  public JobSpec(String name, String description, List<String> tags, Map<String, String> env, List<TaskSpec> tasks,
      Duration timeout, Integer priority, String callbackUrl, Map<String, String> inputs, String output,
      boolean templated) {
    this(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated, Map.of());
  }

  /** This job with {@code newSecrets} in place of its own: how a store puts back what it keeps apart. */
  public JobSpec withSecrets(Map<String, String> newSecrets) {
    return new JobSpec(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated,
        newSecrets, annotations);
  }

  /** A job without inputs, output or templates. */
  public JobSpec(String name, String description, List<String> tags, Map<String, String> env, List<TaskSpec> tasks,
      Duration timeout, Integer priority, String callbackUrl) {
    this(name, description, tags, env, tasks, timeout, priority, callbackUrl, Map.of(), null, false, Map.of());
  }

  /** A job without a job-wide timeout, priority or callback. */
  public JobSpec(String name, String description, List<String> tags, Map<String, String> env, List<TaskSpec> tasks) {
    this(name, description, tags, env, tasks, null, null, null);
  }

  /** The task at a 1-based position. */
  public TaskSpec task(int position) {
    return tasks.get(position - 1);
  }
}
