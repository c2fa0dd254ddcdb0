package dev.gantry.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated task. {@code run} is a script (run by the entrypoint, default {@code sh -c});
 * {@code cmd} instead uses the image's own entrypoint. {@code network} is the container network mode
 * (e.g. {@code none}); null is the runtime's default. Null means "not set" for the optional
 * scalars; collections are never null. {@code continueOnError}: when the task fails (after its
 * retries) the job goes on with the next task instead of failing. {@code var} (null: none) is
 * the name under which the task's result is kept for later templates ({@code tasks.<var>});
 * {@code condition} (Tork's {@code if}, null: none) skips the task when it renders {@code false}.
 * {@code attachments}: mounts, networks, registry credentials, GPUs and sidecars (never null).
 * {@code pre} and {@code post} run in containers of their own around this one, in the same run,
 * sharing its mounts and networks; a task with a {@code parallel}, {@code each} or {@code subjob}
 * (at most one, null: none) is a composite node of the job's tree and runs no container itself.
 * {@code session} (null: none): the task runs as one session, its steps one after another in one
 * environment ({@link SessionPlan}), instead of its {@code run} in a container of its own.
 * {@code priority} (Tork's task priority, 0-9, null: the job's) orders its runs in their queue;
 * {@code tags} are kept and shown (never null).
 */
public record TaskSpec(
    String name,
    String description,
    String image,
    String run,
    List<String> cmd,
    List<String> entrypoint,
    Map<String, String> env,
    Map<String, String> files,
    String workdir,
    Duration timeout,
    int retryLimit,
    Limits limits,
    String network,
    String queue,
    boolean continueOnError,
    String var,
    String condition,
    TaskAttachments attachments,
    List<TaskSpec> pre,
    List<TaskSpec> post,
    ParallelSpec parallel,
    EachSpec each,
    SubjobSpec subjob,
    SessionPlan session,
    Integer priority,
    List<String> tags) {

  public static final String DEFAULT_QUEUE = "default";

  public TaskSpec {
    cmd = List.copyOf(cmd);
    entrypoint = List.copyOf(entrypoint);
    env = Map.copyOf(env);
    files = Map.copyOf(files);
    limits = limits == null ? Limits.NONE : limits;
    queue = queue == null ? DEFAULT_QUEUE : queue;
    attachments = attachments == null ? TaskAttachments.NONE : attachments;
    pre = pre == null ? List.of() : List.copyOf(pre);
    post = post == null ? List.of() : List.copyOf(post);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** A task without a priority or tags of its own. */
  public TaskSpec(String name, String description, String image, String run, List<String> cmd, List<String> entrypoint,
      Map<String, String> env, Map<String, String> files, String workdir, Duration timeout, int retryLimit, Limits limits,
      String network, String queue, boolean continueOnError, String var, String condition, TaskAttachments attachments,
      List<TaskSpec> pre, List<TaskSpec> post, ParallelSpec parallel, EachSpec each, SubjobSpec subjob,
      SessionPlan session) {
    this(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits, network, queue,
        continueOnError, var, condition, attachments, pre, post, parallel, each, subjob, session, null, null);
  }

  /** This task with Tork's own {@code priority} (0-9, null: the job's) and {@code tags}. */
  public TaskSpec withPriorityAndTags(Integer newPriority, List<String> newTags) {
    return new TaskSpec(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits,
        network, queue, continueOnError, var, condition, attachments, pre, post, parallel, each, subjob, session,
        newPriority, newTags);
  }

  /** A task that is not a session. */
  public TaskSpec(String name, String description, String image, String run, List<String> cmd, List<String> entrypoint,
      Map<String, String> env, Map<String, String> files, String workdir, Duration timeout, int retryLimit, Limits limits,
      String network, String queue, boolean continueOnError, String var, String condition, TaskAttachments attachments,
      List<TaskSpec> pre, List<TaskSpec> post, ParallelSpec parallel, EachSpec each, SubjobSpec subjob) {
    this(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits, network, queue,
        continueOnError, var, condition, attachments, pre, post, parallel, each, subjob, null);
  }

  /** A session task ({@code session} null: a container task) without pre or post tasks. */
  public TaskSpec(String name, String description, String image, String run, List<String> cmd, List<String> entrypoint,
      Map<String, String> env, Map<String, String> files, String workdir, Duration timeout, int retryLimit, Limits limits,
      String network, String queue, boolean continueOnError, String var, String condition, TaskAttachments attachments,
      SessionPlan session) {
    this(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits, network, queue,
        continueOnError, var, condition, attachments, List.of(), List.of(), null, null, null, session);
  }

  /** A container task with {@code attachments}, without pre or post tasks. */
  public TaskSpec(String name, String description, String image, String run, List<String> cmd, List<String> entrypoint,
      Map<String, String> env, Map<String, String> files, String workdir, Duration timeout, int retryLimit, Limits limits,
      String network, String queue, boolean continueOnError, String var, String condition, TaskAttachments attachments) {
    this(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits, network, queue,
        continueOnError, var, condition, attachments, List.of(), List.of(), null, null, null, null);
  }

  /** A container task without attachments, pre or post tasks. */
  public TaskSpec(String name, String description, String image, String run, List<String> cmd, List<String> entrypoint,
      Map<String, String> env, Map<String, String> files, String workdir, Duration timeout, int retryLimit, Limits limits,
      String network, String queue, boolean continueOnError, String var, String condition) {
    this(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits, network, queue,
        continueOnError, var, condition, TaskAttachments.NONE, List.of(), List.of(), null, null, null);
  }

  /** This task with {@code newAttachments} in place of its own. */
  public TaskSpec withAttachments(TaskAttachments newAttachments) {
    return new TaskSpec(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits,
        network, queue, continueOnError, var, condition, newAttachments, pre, post, parallel, each, subjob,
        session, priority, tags);
  }

  /** Whether this task is made of other tasks (parallel, each, subjob) rather than run in a container. */
  @JsonIgnore
  public boolean isComposite() {
    return parallel != null || each != null || subjob != null;
  }

  /** This task with its pre and post tasks evaluated. */
  public TaskSpec withAround(List<TaskSpec> newPre, List<TaskSpec> newPost) {
    return new TaskSpec(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits,
        network, queue, continueOnError, var, condition, attachments, newPre, newPost, parallel, each, subjob,
        session, priority, tags);
  }

  /** This task with {@code newParallel}, {@code newEach} or {@code newSubjob} (at most one) as its composite. */
  public TaskSpec withComposite(ParallelSpec newParallel, EachSpec newEach, SubjobSpec newSubjob) {
    return new TaskSpec(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits,
        network, queue, continueOnError, var, condition, attachments, pre, post, newParallel, newEach, newSubjob,
        session, priority, tags);
  }

  /** This task with its {@code var} evaluated. */
  public TaskSpec withVar(String newVar) {
    return new TaskSpec(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits,
        network, queue, continueOnError, newVar, condition, attachments, pre, post, parallel, each, subjob,
        session, priority, tags);
  }

  /** A task without var or condition. */
  public TaskSpec(String name, String description, String image, String run, List<String> cmd, List<String> entrypoint,
      Map<String, String> env, Map<String, String> files, String workdir, Duration timeout, int retryLimit, Limits limits,
      String network, String queue, boolean continueOnError) {
    this(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits, network, queue,
        continueOnError, null, null);
  }

  /** This task with the given texts in place of its own: its templates evaluated. */
  public TaskSpec withTexts(String newName, String newImage, String newQueue, Map<String, String> newEnv,
      List<String> newCmd, List<String> newEntrypoint, String newCondition) {
    return new TaskSpec(newName, description, newImage, run, newCmd, newEntrypoint, newEnv, files, workdir, timeout,
        retryLimit, limits, network, newQueue, continueOnError, var, newCondition, attachments, pre, post, parallel, each,
        subjob, session, priority, tags);
  }

  /** A task that fails its job when it fails. */
  public TaskSpec(String name, String description, String image, String run, List<String> cmd, List<String> entrypoint,
      Map<String, String> env, Map<String, String> files, String workdir, Duration timeout, int retryLimit, Limits limits,
      String network, String queue) {
    this(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits, network, queue,
        false);
  }
}
