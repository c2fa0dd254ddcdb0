package dev.gantry.core.spec;

import dev.gantry.core.cluster.QueueNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules every job obeys, whichever dialect it came in. Errors name the field by its path in
 * the native format ({@code tasks[0].image}).
 */
public final class JobSpecValidator {

  // What one job may hold. Each keeps a submit small, so that one job never holds up the others
  // stored with it (SubmitGroups) and what it stores stays cheap to read back; far above what a
  // real job needs. Every refusal names the limit.
  public static final int MAX_TASKS = 256;
  public static final int MAX_TAGS = 64;
  public static final int MAX_TAG_LENGTH = 64;
  /** Environment variables of the job, and of each task. */
  public static final int MAX_ENV = 256;
  public static final int MAX_FILES = 64;
  /** Job, task and environment variable names. */
  public static final int MAX_NAME = 256;
  public static final int MAX_DESCRIPTION = 4096;
  public static final int MAX_RETRY_LIMIT = 10;
  /** How deep composite tasks may nest (a top-level task is at depth 1). */
  public static final int MAX_TREE_DEPTH = 8;
  public static final long MIN_MEMORY_BYTES = 6L << 20; // Docker refuses less than 6 MiB
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]{0,511}");
  /** A network's name or id, or {@code container:} and a container's (which {@link HostAccessPolicy} rules on). */
  /** A task's {@code var}: a name that {@code tasks.<var>} can reach. */
  private static final Pattern VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final Pattern NETWORK = Pattern.compile("(container:)?[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private JobSpecValidator() {}

  public static JobSpec validate(JobSpec spec) {
    requireName("name", spec.name());
    description("description", spec.description());
    tags("tags", spec.tags());
    env("env", spec.env());
    strings("inputs", spec.inputs());
    strings("secrets", spec.secrets());
    noNul("output", spec.output());
    if (spec.timeout() != null && (spec.timeout().isZero() || spec.timeout().isNegative())) {
      throw new InvalidJobException("timeout", "must be positive");
    }
    if (spec.callbackUrl() != null) {
      callbackUrl("callbackUrl", spec.callbackUrl());
    }
    if (spec.tasks().isEmpty()) {
      throw new InvalidJobException("tasks", "a job needs at least one task");
    }
    atMost("tasks", spec.tasks().size(), MAX_TASKS, "tasks");
    List<TaskSpec> tasks = spec.tasks();
    for (int i = 0; i < tasks.size(); i++) {
      task("tasks[" + i + "]", tasks.get(i), spec.templated());
    }
    return spec;
  }

  /**
   * Checks a task whose templates have been evaluated (at {@code at}, e.g. {@code tasks[1]}):
   * what a template made of its image or queue obeys the rules a written one does.
   */
  public static TaskSpec resolvedTask(String at, TaskSpec task) {
    task(at, task, false);
    return task;
  }

  /** A {@code var} as evaluated: a name a template can read. */
  public static String var(String at, String var) {
    if (!VAR.matcher(var).matches()) {
      throw new InvalidJobException(at, "'" + Echo.of(var) + "' must be a letter or '_' and up to 63 more letters, digits or '_'");
    }
    return var;
  }

  /** {@code templated}: an image or queue holding a template is checked once it is evaluated, not as written. */
  /** A job's or a task's tags: the same rule for both. */
  private static void tags(String at, List<String> tags) {
    atMost(at, tags.size(), MAX_TAGS, "tags");
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      if (tag.isBlank() || tag.length() > MAX_TAG_LENGTH || tag.contains(",") || tag.contains("\0")
          || tag.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidJobException(at + "[" + i + "]",
            "must be 1 to " + MAX_TAG_LENGTH + " characters without spaces, commas or NUL");
      }
    }
  }

  private static void task(String at, TaskSpec task, boolean templated) {
    requireName(at + ".name", task.name());
    description(at + ".description", task.description());
    tags(at + ".tags", task.tags());
    if (task.isComposite()) {
      composite(at, task, templated);
      return;
    }
    for (int i = 0; i < task.pre().size(); i++) {
      task(at + ".pre[" + i + "]", task.pre().get(i), templated);
    }
    for (int i = 0; i < task.post().size(); i++) {
      task(at + ".post[" + i + "]", task.post().get(i), templated);
    }
    if (task.image() == null || task.image().isBlank()) {
      throw new InvalidJobException(at + ".image", "is required");
    }
    if (!(templated && task.image().contains("{{")) && !IMAGE.matcher(task.image()).matches()) {
      throw new InvalidJobException(at + ".image", "'" + task.image() + "' is not a valid image reference");
    }
    noNul(at + ".run", task.run());
    arguments(at + ".cmd", task.cmd());
    arguments(at + ".entrypoint", task.entrypoint());
    env(at + ".env", task.env());
    atMost(at + ".files", task.files().size(), MAX_FILES, "files");
    task.files().forEach((name, contents) -> {
      fileName(at + ".files", name);
      noNul(at + ".files." + name, contents);
    });
    if (task.workdir() != null && !task.workdir().startsWith("/")) {
      throw new InvalidJobException(at + ".workdir", "must be an absolute path");
    }
    noNul(at + ".workdir", task.workdir());
    if (task.timeout() != null && (task.timeout().isZero() || task.timeout().isNegative())) {
      throw new InvalidJobException(at + ".timeout", "must be positive");
    }
    if (task.retryLimit() < 0 || task.retryLimit() > MAX_RETRY_LIMIT) {
      throw new InvalidJobException(at + ".retry.limit", "must be between 0 and " + MAX_RETRY_LIMIT);
    }
    limits(at + ".limits", task.limits());
    if (!(templated && task.queue().contains("{{")) && !QueueNames.isWellFormed(task.queue())) {
      throw new InvalidJobException(at + ".queue", "must be " + QueueNames.RULE);
    }
    if (task.var() != null && !(templated && task.var().contains("{{")) && !VAR.matcher(task.var()).matches()) {
      throw new InvalidJobException(at + ".var", "must be a letter or '_' and up to 63 more letters, digits or '_'");
    }
    noNul(at + ".if", task.condition());
    if (task.network() != null && !NETWORK.matcher(task.network()).matches()) {
      throw new InvalidJobException(at + ".network", "'" + task.network() + "' is not a valid network name");
    }
    AttachmentRules.check(at, task);
  }

  /** A parallel or an each: its children are checked as tasks; it runs no container of its own. */
  private static void composite(String at, TaskSpec task, boolean templated) {
    if (depth(at) >= MAX_TREE_DEPTH) {
      throw new InvalidJobException(at, "composite tasks nest at most " + MAX_TREE_DEPTH + " deep");
    }
    if ((task.parallel() != null ? 1 : 0) + (task.each() != null ? 1 : 0) + (task.subjob() != null ? 1 : 0) > 1) {
      throw new InvalidJobException(at, "a task is one of parallel, each and subjob, not several");
    }
    if (task.image() != null || task.run() != null || !task.cmd().isEmpty() || !task.env().isEmpty()
        || !task.pre().isEmpty() || !task.post().isEmpty()) {
      throw new InvalidJobException(at, (task.parallel() != null ? "a parallel" : task.each() != null ? "an each" : "a subjob")
          + " task runs no container of its own: image, run, cmd, env, pre and post belong to its tasks");
    }
    if (task.var() != null && task.subjob() == null) {
      throw new InvalidJobException(at + ".var", "a parallel or an each has no result of its own; give var to its tasks");
    }
    if (task.var() != null && !(templated && task.var().contains("{{")) && !VAR.matcher(task.var()).matches()) {
      throw new InvalidJobException(at + ".var", "must be a letter or '_' and up to 63 more letters, digits or '_'");
    }
    noNul(at + ".if", task.condition());
    if (task.parallel() != null) {
      List<TaskSpec> tasks = task.parallel().tasks();
      if (tasks.isEmpty()) {
        throw new InvalidJobException(at + ".parallel.tasks", "a parallel needs at least one task");
      }
      atMost(at + ".parallel.tasks", tasks.size(), MAX_TASKS, "tasks");
      for (int i = 0; i < tasks.size(); i++) {
        task(at + ".parallel.tasks[" + i + "]", tasks.get(i), templated);
      }
      return;
    }
    if (task.subjob() != null) {
      subjob(at + ".subjob", task.subjob(), templated);
      return;
    }
    EachSpec each = task.each();
    if (each.list() == null || each.list().isBlank()) {
      throw new InvalidJobException(at + ".each.list", "is required");
    }
    noNul(at + ".each.list", each.list());
    if (each.task() == null) {
      throw new InvalidJobException(at + ".each.task", "is required");
    }
    if (each.var() != null && !VAR.matcher(each.var()).matches()) {
      throw new InvalidJobException(at + ".each.var", "must be a letter or '_' and up to 63 more letters, digits or '_'");
    }
    if (each.concurrency() != null && each.concurrency() < 1) {
      throw new InvalidJobException(at + ".each.concurrency", "must be at least 1");
    }
    task(at + ".each.task", each.task(), templated);
  }

  private static void subjob(String at, SubjobSpec subjob, boolean templated) {
    requireName(at + ".name", subjob.name());
    description(at + ".description", subjob.description());
    strings(at + ".inputs", subjob.inputs());
    strings(at + ".secrets", subjob.secrets());
    noNul(at + ".output", subjob.output());
    if (subjob.tasks().isEmpty()) {
      throw new InvalidJobException(at + ".tasks", "a sub-job needs at least one task");
    }
    atMost(at + ".tasks", subjob.tasks().size(), MAX_TASKS, "tasks");
    for (int i = 0; i < subjob.tasks().size(); i++) {
      task(at + ".tasks[" + i + "]", subjob.tasks().get(i), true);
    }
    for (int i = 0; i < subjob.webhooks().size(); i++) {
      String url = String.valueOf(subjob.webhooks().get(i).get("url"));
      if (!url.contains("{{")) {
        callbackUrl(at + ".webhooks[" + i + "].url", url);
      }
    }
  }

  /** How many composites hold {@code at}'s task, counted in its path. */
  private static int depth(String at) {
    int depth = 1;
    for (int i = at.indexOf(".parallel.tasks["); i >= 0; i = at.indexOf(".parallel.tasks[", i + 1)) {
      depth++;
    }
    for (int i = at.indexOf(".each.task"); i >= 0; i = at.indexOf(".each.task", i + 1)) {
      depth++;
    }
    for (int i = at.indexOf(".subjob.tasks["); i >= 0; i = at.indexOf(".subjob.tasks[", i + 1)) {
      depth++;
    }
    return depth;
  }

  private static void limits(String at, Limits limits) {
    if (limits.cpus() != null && !(limits.cpus() > 0 && limits.cpus() <= 1024)) {
      throw new InvalidJobException(at + ".cpus", "must be more than 0 and at most 1024");
    }
    if (limits.memoryBytes() != null && limits.memoryBytes() < MIN_MEMORY_BYTES) {
      throw new InvalidJobException(at + ".memory", "must be at least 6m");
    }
    if (limits.memorySwapBytes() != null && limits.memorySwapBytes() != -1
        && (limits.memoryBytes() == null || limits.memorySwapBytes() < limits.memoryBytes())) {
      throw new InvalidJobException(at + ".memorySwap", "needs a memory limit and must be at least that limit (or -1 for unlimited swap)");
    }
    if (limits.pids() != null && limits.pids() < 1) {
      throw new InvalidJobException(at + ".pids", "must be at least 1");
    }
  }

  /** Callbacks go out over HTTP only: other schemes (file:, jar:...) could read or reach what they should not. */
  public static void callbackUrl(String at, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new InvalidJobException(at, "'" + url + "' is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || url.length() > 2048) {
      throw new InvalidJobException(at, "must be an http or https URL with a host, at most 2048 characters");
    }
  }

  private static void requireName(String at, String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidJobException(at, "is required");
    }
    if (name.length() > MAX_NAME) {
      throw new InvalidJobException(at, "is longer than " + MAX_NAME + " characters");
    }
    noNul(at, name);
  }

  private static void description(String at, String description) {
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw new InvalidJobException(at, "is longer than " + MAX_DESCRIPTION + " characters");
    }
    noNul(at, description);
  }

  /** Counted before any entry is looked at, so that an oversized list is refused at once. */
  private static void atMost(String at, int count, int max, String what) {
    if (count > max) {
      throw new InvalidJobException(at, "at most " + max + " " + what + " are allowed, not " + count);
    }
  }

  private static void env(String at, Map<String, String> env) {
    atMost(at, env.size(), MAX_ENV, "environment variables");
    env.forEach((name, value) -> {
      if (name.length() > MAX_NAME) {
        throw new InvalidJobException(at + "." + name.substring(0, 32) + "...", "is longer than " + MAX_NAME + " characters");
      }
      if (!ENV_NAME.matcher(name).matches()) {
        throw new InvalidJobException(at + "." + name, "is not a valid environment variable name");
      }
      // Docker passes env as C strings: a NUL would fail the container's start, long after the submit.
      noNul(at + "." + name, value);
    });
  }

  /** Inputs and secrets: named strings. A refusal names a secret, never its value. */
  private static void strings(String at, Map<String, String> values) {
    atMost(at, values.size(), MAX_ENV, at);
    values.forEach((name, value) -> {
      if (name.isEmpty() || name.length() > MAX_NAME) {
        throw new InvalidJobException(at, "names must be 1 to " + MAX_NAME + " characters");
      }
      noNul(at, name);
      noNul(at + "." + name, value);
    });
  }

  private static void arguments(String at, List<String> arguments) {
    for (int i = 0; i < arguments.size(); i++) {
      noNul(at + "[" + i + "]", arguments.get(i));
    }
  }

  /**
   * Text that reaches a container (env, arguments, scripts, files) or a database column may not
   * hold NUL: processes take their arguments and env as C strings, and PostgreSQL's text refuses it.
   */
  private static void noNul(String at, String text) {
    if (text != null && text.indexOf('\0') >= 0) {
      throw new InvalidJobException(at, "must not contain a NUL character (U+0000)");
    }
  }

  /** Files land in the working directory: a name may not escape it. */
  private static void fileName(String at, String name) {
    if (name.isBlank() || name.startsWith("/") || name.contains("\0") || name.contains("\\")
        || List.of(name.split("/")).contains("..") || name.length() > 255) {
      throw new InvalidJobException(at + "." + name, "must be a relative path inside the working directory");
    }
  }
}
