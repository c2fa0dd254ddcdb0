package dev.gantry.core.spec;

import dev.gantry.core.auth.JobAccess;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated job as submitted: what to run, independent of which dialect it came in.
 * {@code timeout} bounds the whole job from its start (null: no limit); {@code priority}
 * orders its runs among the others of their queue, the higher first (null: not set, as 0); {@code callbackUrl} receives the
 * job's logs when it ends (null: none). {@code inputs} are values for the job's templates;
 * {@code output} (null: none) is evaluated when the job completes and becomes its result.
 * {@code secrets} are values templates may place into a task's env, cmd and entrypoint, shown
 * nowhere ({@link Secrets}). {@code templated}: the job's texts hold {@code {{ }}} templates (Tork's jobs), evaluated when a
 * task becomes runnable ({@link JobTemplates}); false for dialects whose texts are taken as written,
 * and for jobs that use no expression at all, so that those never pay for evaluation.
 * {@code access}: who besides the owner may see and change the job ({@link JobAccess}).
 * {@code webhooks} are called when their event happens ({@link Webhook}); {@code autoDeleteAfter}
 * (null: never) deletes the job that long after it ended.
 * {@code dialect} names the HTTP dialect the job was submitted through ({@code tork} for the
 * native API, {@code hades}, ...), so that every dialect's jobs can be told apart and searched
 * ({@code dialect:hades}); null reads as {@value #NATIVE_DIALECT}.
 * {@code annotations}: what the dialect that submitted the job keeps with it as text (its document
 * as submitted, fields of its own); the core neither reads nor shows them.
 * {@code triggers}: calls made once when the job ends ({@link EndTrigger}, builds.sr.ht's).
 *
 * <p>To change a spec, use a {@code with...} method: each calls the canonical constructor, so a
 * component added later fails to compile there instead of being dropped, as a copy through one of
 * the shorter constructors (which default what they do not name) would drop it.
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
    JobAccess access,
    List<Webhook> webhooks,
    Duration autoDeleteAfter,
    String dialect,
    Map<String, String> annotations,
    List<EndTrigger> triggers) {

  /** The dialect of the native API, and of every job stored before jobs named theirs. */
  public static final String NATIVE_DIALECT = "tork";

  public JobSpec {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    tags = List.copyOf(tags);
    env = Map.copyOf(env);
    tasks = List.copyOf(tasks);
    inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    access = access == null ? JobAccess.PRIVATE : access;
    dialect = dialect == null ? NATIVE_DIALECT : dialect;
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    triggers = triggers == null ? List.of() : List.copyOf(triggers);
  }

  /** A job of {@code dialect} with {@code annotations}, without end triggers. */
  public JobSpec(String name, String description, List<String> tags, Map<String, String> env, List<TaskSpec> tasks,
      Duration timeout, Integer priority, String callbackUrl, Map<String, String> inputs, String output,
      boolean templated, Map<String, String> secrets, JobAccess access, List<Webhook> webhooks,
      Duration autoDeleteAfter, String dialect, Map<String, String> annotations) {
    this(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated, secrets,
        access, webhooks, autoDeleteAfter, dialect, annotations, List.of());
  }

  /** This job with {@code newTriggers}, called when it ends. */
  public JobSpec withTriggers(List<EndTrigger> newTriggers) {
    return new JobSpec(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated,
        secrets, access, webhooks, autoDeleteAfter, dialect, annotations, newTriggers);
  }

  /** A job of the native API only its owner may see. */
  public JobSpec(String name, String description, List<String> tags, Map<String, String> env, List<TaskSpec> tasks,
      Duration timeout, Integer priority, String callbackUrl, Map<String, String> inputs, String output,
      boolean templated, Map<String, String> secrets) {
    this(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated, secrets,
        JobAccess.PRIVATE);
  }

  /** A job of the native API without webhooks, automatic deletion or annotations. */
  public JobSpec(String name, String description, List<String> tags, Map<String, String> env, List<TaskSpec> tasks,
      Duration timeout, Integer priority, String callbackUrl, Map<String, String> inputs, String output,
      boolean templated, Map<String, String> secrets, JobAccess access) {
    this(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated, secrets,
        access, List.of(), null);
  }

  /** A job of the native API without annotations. */
  public JobSpec(String name, String description, List<String> tags, Map<String, String> env, List<TaskSpec> tasks,
      Duration timeout, Integer priority, String callbackUrl, Map<String, String> inputs, String output,
      boolean templated, Map<String, String> secrets, JobAccess access, List<Webhook> webhooks,
      Duration autoDeleteAfter) {
    this(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated, secrets,
        access, webhooks, autoDeleteAfter, null);
  }

  /** A job of {@code dialect} without annotations. */
  public JobSpec(String name, String description, List<String> tags, Map<String, String> env, List<TaskSpec> tasks,
      Duration timeout, Integer priority, String callbackUrl, Map<String, String> inputs, String output,
      boolean templated, Map<String, String> secrets, JobAccess access, List<Webhook> webhooks,
      Duration autoDeleteAfter, String dialect) {
    this(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated, secrets,
        access, webhooks, autoDeleteAfter, dialect, Map.of());
  }

  /** A private job with {@code annotations}, without webhooks or automatic deletion. */
  public JobSpec(String name, String description, List<String> tags, Map<String, String> env, List<TaskSpec> tasks,
      Duration timeout, Integer priority, String callbackUrl, Map<String, String> inputs, String output,
      boolean templated, Map<String, String> secrets, Map<String, String> annotations) {
    this(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated, secrets,
        JobAccess.PRIVATE, List.of(), null, null, annotations);
  }

  /** This job with Tork's {@code webhooks} and {@code autoDelete.after} (null: kept until the retention deletes it). */
  public JobSpec withWebhooksAndAutoDelete(List<Webhook> newWebhooks, Duration deleteAfter) {
    return new JobSpec(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated,
        secrets, access, newWebhooks, deleteAfter, dialect, annotations, triggers);
  }

  /** This job as submitted through {@code otherDialect}. */
  public JobSpec withDialect(String otherDialect) {
    return new JobSpec(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated,
        secrets, access, webhooks, autoDeleteAfter, otherDialect, annotations, triggers);
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
        newSecrets, access, webhooks, autoDeleteAfter, dialect, annotations, triggers);
  }

  /** This job with {@code newTasks} and {@code newSecrets} in place of its own: how secrets are sealed into their tasks. */
  public JobSpec withTasksAndSecrets(List<TaskSpec> newTasks, Map<String, String> newSecrets) {
    return new JobSpec(name, description, tags, env, newTasks, timeout, priority, callbackUrl, inputs, output, templated,
        newSecrets, access, webhooks, autoDeleteAfter, dialect, annotations, triggers);
  }

  /** This job with {@code newAccess} in place of its own (a sub-job: {@link JobAccess#inheritedFrom} its parent's). */
  public JobSpec withAccess(JobAccess newAccess) {
    return new JobSpec(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, templated,
        secrets, newAccess, webhooks, autoDeleteAfter, dialect, annotations, triggers);
  }

  /** This job with {@code newPriority} (null: none): a sub-job's runs wait with its parent's priority. */
  public JobSpec withPriority(Integer newPriority) {
    return new JobSpec(name, description, tags, env, tasks, timeout, newPriority, callbackUrl, inputs, output, templated,
        secrets, access, webhooks, autoDeleteAfter, dialect, annotations, triggers);
  }

  /** This job with {@code isTemplated} in place of its own: whether its texts are evaluated as templates. */
  public JobSpec withTemplated(boolean isTemplated) {
    return new JobSpec(name, description, tags, env, tasks, timeout, priority, callbackUrl, inputs, output, isTemplated,
        secrets, access, webhooks, autoDeleteAfter, dialect, annotations, triggers);
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
