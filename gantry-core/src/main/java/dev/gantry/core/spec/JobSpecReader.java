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
      "name", "description", "tags", "env", "tasks", "defaults", "inputs", "output", "secrets", "wait");
  private static final Set<String> JOB_UNSUPPORTED = Set.of(
      "webhooks", "autoDelete", "permissions", "schedule");
  private static final Set<String> TASK_FIELDS = union(Set.of(
      "name", "description", "image", "run", "cmd", "entrypoint", "env", "files", "workdir", "timeout",
      "retry", "limits", "queue", "network", "var", "if"), TaskAttachmentsReader.FIELDS);
  private static final Set<String> TASK_UNSUPPORTED = Set.of(
      "pre", "post", "parallel", "each", "subjob", "priority", "tags", "probe");
  private static final Set<String> DEFAULTS_FIELDS = Set.of("retry", "limits", "timeout", "queue");
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
        job.stringMap("env"), tasks, null, null, null, job.stringMap("inputs"), job.text("output"), false,
        job.stringMap("secrets"));
    boolean templated = JobTemplates.usesExpressions(written);
    JobSpec spec = Secrets.sealRegistryPasswords(JobSpecValidator.validate(templated ? templated(written) : written));
    if (templated) {
      JobTemplates.check(spec);
    }
    return spec;
  }

  private static JobSpec templated(JobSpec s) {
    return new JobSpec(s.name(), s.description(), s.tags(), s.env(), s.tasks(), s.timeout(), s.priority(),
        s.callbackUrl(), s.inputs(), s.output(), true, s.secrets(), s.dialect());
  }

  private static TaskSpec task(SpecNode task, TaskDefaults defaults) {
    task.onlyFields(TASK_FIELDS, TASK_UNSUPPORTED);
    Integer retry = retryLimit(task.object("retry"));
    Limits limits = limits(task.object("limits"));
    Duration timeout = task.parsed("timeout", Durations::parse);
    return new TaskSpec(
        task.requiredText("name"),
        task.text("description"),
        task.requiredText("image"),
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
        TaskAttachmentsReader.read(task));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private record TaskDefaults(Integer retryLimitOrNull, Limits limits, Duration timeout, String queue) {
    int retryLimit() {
      return retryLimitOrNull == null ? 0 : retryLimitOrNull;
    }
  }

  private static TaskDefaults defaults(SpecNode defaults) {
    if (defaults == null) {
      return new TaskDefaults(null, null, null, null);
    }
    defaults.onlyFields(DEFAULTS_FIELDS, Set.of());
    return new TaskDefaults(retryLimit(defaults.object("retry")), limits(defaults.object("limits")),
        defaults.parsed("timeout", Durations::parse), defaults.text("queue"));
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
