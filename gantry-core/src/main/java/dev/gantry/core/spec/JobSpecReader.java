package dev.gantry.core.spec;

import dev.gantry.core.spec.JobDocuments.Format;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a job in Gantry's native format, which is Tork's: YAML or JSON with {@code name},
 * {@code tasks} and the optional fields below. Strict: unknown fields are errors.
 */
public final class JobSpecReader {

  private static final Set<String> JOB_FIELDS = Set.of(
      "name", "description", "tags", "env", "tasks", "defaults", "inputs", "output", "secrets", "wait", "permissions",
      "webhooks", "autoDelete");
  private static final Set<String> JOB_UNSUPPORTED = Set.of("schedule");
  private static final Set<String> AUTO_DELETE_FIELDS = Set.of("after");
  private static final Set<String> TASK_FIELDS = union(Set.of(
      "name", "description", "image", "run", "cmd", "entrypoint", "env", "files", "workdir", "timeout",
      "retry", "limits", "queue", "network", "var", "if", "pre", "post", "parallel", "each", "subjob", "priority",
      "tags"),
      TaskAttachmentsReader.FIELDS);
  private static final Set<String> TASK_UNSUPPORTED = Set.of();
  /** Tork's pre and post tasks are reduced tasks: no retry, queue or composite of their own. */
  private static final Set<String> AROUND_FIELDS = Set.of(
      "name", "description", "image", "run", "cmd", "entrypoint", "env", "files", "workdir", "timeout", "limits",
      "network", "registry", "gpus");
  /** What a pre or post task shares with its task instead of having its own. */
  private static final Set<String> AROUND_SHARED = Set.of("mounts", "volumes", "networks", "sidecars");
  private static final Set<String> PARALLEL_FIELDS = Set.of("tasks");
  private static final Set<String> SUBJOB_FIELDS = Set.of(
      "name", "description", "tasks", "inputs", "secrets", "output", "detached", "webhooks");
  private static final Set<String> EACH_FIELDS = Set.of("var", "list", "task", "concurrency");
  private static final Set<String> DEFAULTS_FIELDS = Set.of("retry", "limits", "timeout", "queue", "priority");
  /** Tork's priorities: 0 to 9, the higher first. */
  static final int MAX_PRIORITY = 9;
  private static final Set<String> RETRY_FIELDS = Set.of("limit");
  private static final Set<String> LIMITS_FIELDS = Set.of("cpus", "memory");

  private JobSpecReader() {}

  /** Parses and validates a job document. */
  public static JobSpec read(String body, Format format) {
    return read(SpecNode.root(JobDocuments.parse(body, format)));
  }

  public static JobSpec read(SpecNode job) {
    job.onlyFields(JOB_FIELDS, JOB_UNSUPPORTED);
    TaskDefaults defaults = defaults(job.object("defaults"));
    List<SpecNode> taskNodes = job.objects("tasks");
    if (!job.has("tasks") || taskNodes.isEmpty()) {
      throw job.invalid("tasks", "a job needs at least one task");
    }
    List<TaskSpec> tasks = new ArrayList<>();
    for (SpecNode task : taskNodes) {
      tasks.add(task(task, defaults));
    }
    JobWait.read(job); // checked here, answered by the dialect that submits
    if (job.stringMap("secrets").keySet().stream().anyMatch(name -> name.startsWith(Secrets.REGISTRY_PREFIX))) {
      throw job.invalid("secrets", "names starting with " + Secrets.REGISTRY_PREFIX + " are Gantry's own");
    }
    JobSpec written = new JobSpec(job.requiredText("name"), job.text("description"), job.stringList("tags"),
        job.stringMap("env"), tasks, null, defaults.priority(), null, job.stringMap("inputs"), job.text("output"), false,
        job.stringMap("secrets"), JobPermissions.read(job));
    written = written.withWebhooksAndAutoDelete(WebhookReader.read(job), autoDeleteAfter(job.object("autoDelete")));
    written = SubjobSecrets.hoisted(written);
    boolean templated = JobTemplates.usesExpressions(written);
    JobSpec spec = Secrets.sealRegistryPasswords(JobSpecValidator.validate(templated ? written.withTemplated(true) : written));
    if (templated) {
      JobTemplates.check(spec);
    }
    return spec;
  }

  /** Tork's {@code autoDelete: {after: 1h}}: how long after its end the job is deleted. */
  private static Duration autoDeleteAfter(SpecNode autoDelete) {
    if (autoDelete == null) {
      return null;
    }
    autoDelete.onlyFields(AUTO_DELETE_FIELDS, Set.of());
    Duration after = autoDelete.parsed("after", Durations::parse);
    if (after == null) {
      throw autoDelete.invalid("after", "is required: how long after its end the job is deleted, e.g. 1h");
    }
    if (after.isNegative() || after.isZero()) {
      throw autoDelete.invalid("after", "must be more than 0, e.g. 1h");
    }
    return after;
  }

  private static TaskSpec task(SpecNode task, TaskDefaults defaults) {
    if (task.has("probe")) {
      // Tork's task probe checks a port the task's own container publishes (its ports field).
      throw task.invalid("probe", "a task's own probe checks the ports it publishes, which Gantry does not publish;"
          + " a sidecar's probe (sidecars[].probe) holds the task back until its sidecar answers");
    }
    task.onlyFields(TASK_FIELDS, TASK_UNSUPPORTED);
    Integer retry = retryLimit(task.object("retry"));
    Limits limits = limits(task.object("limits"));
    Duration timeout = task.parsed("timeout", Durations::parse);
    ParallelSpec parallel = parallel(task.object("parallel"), defaults);
    EachSpec each = each(task.object("each"), defaults);
    SubjobSpec subjob = subjob(task.object("subjob"), defaults);
    boolean composite = parallel != null || each != null || subjob != null;
    TaskAttachments attachments = TaskAttachmentsReader.read(task);
    if (composite) {
      refuseAttachments(task, "a parallel, each or subjob runs no container of its own: set it on its tasks");
    }
    return new TaskSpec(
        task.requiredText("name"),
        task.text("description"),
        composite ? task.text("image") : task.requiredText("image"),
        task.text("run"),
        task.stringList("cmd"),
        task.stringList("entrypoint"),
        task.stringMap("env"),
        task.stringMap("files"),
        task.text("workdir"),
        timeout != null ? timeout : defaults.timeout(),
        retry != null ? retry : defaults.retryLimit(),
        limits != null ? limits : defaults.limits(),
        task.text("network"),
        task.text("queue") != null ? task.text("queue") : defaults.queue(),
        false,
        task.text("var"),
        task.text("if"),
        attachments,
        around(task, "pre"),
        around(task, "post"),
        parallel,
        each,
        subjob,
        null,
        priority(task),
        task.stringList("tags"));
  }

  private static SubjobSpec subjob(SpecNode subjob, TaskDefaults defaults) {
    if (subjob == null) {
      return null;
    }
    subjob.onlyFields(SUBJOB_FIELDS, Set.of());
    List<TaskSpec> tasks = new ArrayList<>();
    for (SpecNode child : subjob.objects("tasks")) {
      tasks.add(task(child, defaults));
    }
    if (tasks.isEmpty()) {
      throw subjob.invalid("tasks", "a sub-job needs at least one task");
    }
    List<java.util.Map<String, Object>> webhooks = WebhookReader.read(subjob, true).stream()
        .map(SubjobWebhooks::written).toList();
    if (subjob.stringMap("secrets").keySet().stream().anyMatch(name -> name.startsWith(Secrets.REGISTRY_PREFIX))) {
      throw subjob.invalid("secrets", "names starting with " + Secrets.REGISTRY_PREFIX + " are Gantry's own");
    }
    Boolean detached = subjob.bool("detached");
    return new SubjobSpec(subjob.requiredText("name"), subjob.text("description"), tasks, subjob.stringMap("inputs"),
        subjob.stringMap("secrets"), subjob.text("output"), detached != null && detached, webhooks);
  }

  private static List<TaskSpec> around(SpecNode task, String field) {
    List<TaskSpec> out = new ArrayList<>();
    for (SpecNode around : task.objects(field)) {
      for (String name : around.fieldNames()) {
        if (AROUND_SHARED.contains(name)) {
          throw around.invalid(name, "a pre or post task runs with its task's mounts, networks and sidecars and has"
              + " none of its own: set it on the task");
        }
      }
      around.onlyFields(AROUND_FIELDS, Set.of());
      Limits limits = limits(around.object("limits"));
      // Its own image's credentials and GPUs, as the task's own: the same code path pulls and starts it.
      TaskAttachments own = new TaskAttachments(List.of(), List.of(),
          TaskAttachmentsReader.registry(around.object("registry")), around.text("gpus"), List.of());
      out.add(new TaskSpec(around.requiredText("name"), around.text("description"), around.requiredText("image"),
          around.text("run"), around.stringList("cmd"), around.stringList("entrypoint"), around.stringMap("env"),
          around.stringMap("files"), around.text("workdir"), around.parsed("timeout", Durations::parse), 0,
          limits, around.text("network"), null, false, null, null, own));
    }
    return out;
  }

  private static ParallelSpec parallel(SpecNode parallel, TaskDefaults defaults) {
    if (parallel == null) {
      return null;
    }
    parallel.onlyFields(PARALLEL_FIELDS, Set.of());
    List<TaskSpec> tasks = new ArrayList<>();
    for (SpecNode child : parallel.objects("tasks")) {
      tasks.add(task(child, defaults));
    }
    return new ParallelSpec(tasks);
  }

  private static EachSpec each(SpecNode each, TaskDefaults defaults) {
    if (each == null) {
      return null;
    }
    each.onlyFields(EACH_FIELDS, Set.of());
    SpecNode task = each.object("task");
    if (task == null) {
      throw each.invalid("task", "is required");
    }
    return new EachSpec(each.text("var"), each.requiredText("list"), task(task, defaults), each.integer("concurrency"));
  }

  private static void refuseAttachments(SpecNode task, String why) {
    for (String name : task.fieldNames()) {
      if (TaskAttachmentsReader.FIELDS.contains(name)) {
        throw task.invalid(name, why);
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private record TaskDefaults(Integer retryLimitOrNull, Limits limits, Duration timeout, String queue, Integer priority) {
    int retryLimit() {
      return retryLimitOrNull == null ? 0 : retryLimitOrNull;
    }
  }

  private static TaskDefaults defaults(SpecNode defaults) {
    if (defaults == null) {
      return new TaskDefaults(null, null, null, null, null);
    }
    defaults.onlyFields(DEFAULTS_FIELDS, Set.of());
    return new TaskDefaults(retryLimit(defaults.object("retry")), limits(defaults.object("limits")),
        defaults.parsed("timeout", Durations::parse), defaults.text("queue"), priority(defaults));
  }

  /** Tork's priority of a task or of {@code defaults}: 0 to 9, null when not given. */
  private static Integer priority(SpecNode defaults) {
    Integer priority = defaults.integer("priority");
    if (priority != null && (priority < 0 || priority > MAX_PRIORITY)) {
      throw defaults.invalid("priority", "must be between 0 and " + MAX_PRIORITY + " (the higher runs first), not " + priority);
    }
    return priority;
  }

  private static Integer retryLimit(SpecNode retry) {
    if (retry == null) {
      return null;
    }
    retry.onlyFields(RETRY_FIELDS, Set.of());
    Integer limit = retry.integer("limit");
    if (limit != null && (limit < 0 || limit > JobSpecValidator.MAX_RETRY_LIMIT)) {
      throw retry.invalid("limit", "must be between 0 and " + JobSpecValidator.MAX_RETRY_LIMIT);
    }
    return limit == null ? 0 : limit;
  }

  private static Limits limits(SpecNode limits) {
    if (limits == null) {
      return null;
    }
    limits.onlyFields(LIMITS_FIELDS, Set.of());
    Double cpus = limits.parsed("cpus", JobSpecReader::cpus);
    Long memory = limits.parsed("memory", ByteSize::parse);
    return new Limits(cpus, memory, null, null);
  }

  private static Double cpus(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number of CPUs (e.g. .5, 2)");
    }
  }
}
