package dev.gantry.server.hades;

import dev.gantry.core.spec.ByteSize;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobDocuments;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecValidator;
import dev.gantry.core.spec.Limits;
import dev.gantry.core.spec.SpecNode;
import dev.gantry.core.spec.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Hades job ({@code POST /build}) into a JobSpec. Steps run in {@code id} order (ids 1..n);
 * job {@code metadata} is every step's env, a step's own {@code metadata} overrides it, and each
 * step also gets {@code UUID} (the job id) and {@code JOB_NAME}, which nothing overrides. Fields the
 * real Hades ignores are accepted with a warning; fields nobody knows are an error naming them all.
 */
final class HadesJobReader {

  static final String WORKDIR = "/shared";
  private static final Set<String> JOB_FIELDS = Set.of(
      "name", "metadata", "steps", "priority", "timestamp", "timeout_seconds", "callback_url");
  private static final Set<String> STEP_FIELDS = Set.of("id", "name", "image", "script", "metadata",
      "continue_on_error", "cpu_limit", "memory_limit", "memory_swap", "pids_limit", "network");
  /** Sent by Hades' own client, ignored by Hades; accepted here with a warning saying so. */
  private static final Map<String, String> IGNORED = Map.of(
      "volumes", "ignored: steps share only the job's /shared volume",
      "volumeMounts", "ignored: steps share only the job's /shared volume",
      "workingDir", "ignored: every step runs in " + WORKDIR);
  private static final Set<String> RESERVED_ENV = Set.of("UUID", "JOB_NAME");

  /** A job read from a request, with what was accepted but ignored, and its steps in id order (task i is steps[i]). */
  record HadesJob(JobSpec spec, List<String> warnings, List<SpecNode> steps) {

    /** A later refusal of the job (the server's policy), in the request's field names. */
    InvalidJobException translated(InvalidJobException e) {
      return HadesPaths.translated(e, steps);
    }
  }

  private final List<String> warnings = new ArrayList<>();
  private final String jobId;

  private HadesJobReader(String jobId) {
    this.jobId = jobId;
  }

  /** Parses and validates {@code body} for a job that will get the id {@code jobId}. */
  static HadesJob read(String body, String jobId) {
    return new HadesJobReader(jobId).job(SpecNode.root(JobDocuments.parse(body, Format.JSON)));
  }

  private HadesJob job(SpecNode job) {
    List<String> unknown = new ArrayList<>(knownFields(job, JOB_FIELDS));
    List<SpecNode> stepNodes = job.objects("steps");
    for (SpecNode step : stepNodes) {
      unknown.addAll(knownFields(step, STEP_FIELDS));
    }
    if (!unknown.isEmpty()) {
      throw new InvalidJobException("", (unknown.size() == 1 ? "unknown field: " : "unknown fields: ") + String.join(", ", unknown));
    }
    String name = job.requiredText("name");
    if (stepNodes.isEmpty()) {
      throw job.invalid("steps", "a job needs at least one step");
    }
    List<SpecNode> ordered = inIdOrder(stepNodes);
    List<TaskSpec> tasks = new ArrayList<>();
    for (SpecNode step : ordered) {
      tasks.add(step(step, name));
    }
    Integer timeout = job.integer("timeout_seconds");
    if (timeout != null && timeout < 0) {
      throw job.invalid("timeout_seconds", "must be 0 (no timeout) or more");
    }
    String callback = job.text("callback_url");
    if (callback != null) {
      JobSpecValidator.callbackUrl(job.pathOf("callback_url"), callback);
    }
    JobSpec spec = new JobSpec(name, null, List.of(), job.stringMap("metadata"), tasks,
        timeout == null || timeout == 0 ? null : Duration.ofSeconds(timeout), job.integer("priority"), callback);
    try {
      return new HadesJob(JobSpecValidator.validate(spec), List.copyOf(warnings), List.copyOf(ordered));
    } catch (InvalidJobException e) {
      throw HadesPaths.translated(e, ordered);
    }
  }

  /** The fields of {@code node} outside {@code known}: ignored ones become warnings, the rest are returned. */
  private List<String> knownFields(SpecNode node, Set<String> known) {
    List<String> unknown = new ArrayList<>();
    for (String path : node.unknownFields(known)) {
      String field = path.substring(path.lastIndexOf('.') + 1);
      if (IGNORED.containsKey(field)) {
        warnings.add(path + ": " + IGNORED.get(field));
      } else {
        unknown.add(path);
      }
    }
    return unknown;
  }

  /** Steps sorted by id; the ids must be 1, 2, 3... each once. */
  private static List<SpecNode> inIdOrder(List<SpecNode> steps) {
    Map<Integer, SpecNode> byId = new LinkedHashMap<>();
    for (SpecNode step : steps) {
      Integer id = step.integer("id");
      if (id == null) {
        throw step.invalid("id", "is required");
      }
      if (id < 1) {
        throw step.invalid("id", "must be 1 or more, not " + id);
      }
      SpecNode earlier = byId.putIfAbsent(id, step);
      if (earlier != null) {
        throw step.invalid("id", "duplicate step id " + id + " (also " + earlier.pathOf("id") + ")");
      }
    }
    List<SpecNode> ordered = new ArrayList<>(steps);
    ordered.sort(Comparator.comparingInt(step -> step.integer("id")));
    for (int i = 0; i < ordered.size(); i++) {
      int id = ordered.get(i).integer("id");
      if (id != i + 1) {
        throw ordered.get(i).invalid("id", "step ids must be sequential from 1: expected " + (i + 1) + ", got " + id);
      }
    }
    return ordered;
  }

  private TaskSpec step(SpecNode step, String jobName) {
    int id = step.integer("id");
    Map<String, String> env = new LinkedHashMap<>(step.stringMap("metadata"));
    for (String reserved : RESERVED_ENV) {
      if (env.containsKey(reserved)) {
        warnings.add(step.pathOf("metadata") + "." + reserved + ": replaced: Hades sets " + reserved + " itself");
      }
    }
    env.put("UUID", jobId);
    env.put("JOB_NAME", jobName);
    Boolean continueOnError = step.bool("continue_on_error");
    String name = step.text("name");
    return new TaskSpec(name == null || name.isBlank() ? "step " + id : name, null, step.requiredText("image"),
        step.text("script"), List.of(), List.of(), env, Map.of(), WORKDIR, null, 0, limits(step), step.text("network"),
        null, Boolean.TRUE.equals(continueOnError));
  }

  private static Limits limits(SpecNode step) {
    Double cpus = step.parsed("cpu_limit", HadesJobReader::cpus);
    Long memory = step.parsed("memory_limit", ByteSize::parse);
    Long swap = step.parsed("memory_swap", text -> text.trim().equals("-1") ? -1L : ByteSize.parse(text));
    Integer pids = step.integer("pids_limit");
    // Docker reads 0 and -1 as "no limit", and so does Hades.
    return new Limits(cpus, memory, swap, pids == null || pids <= 0 ? null : pids.longValue());
  }

  private static Double cpus(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number of CPUs (e.g. 0.5, 2)");
    }
  }
}
