package dev.gantry.server.hades;

import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobDocuments;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecValidator;
import dev.gantry.core.spec.SpecNode;
import dev.gantry.core.spec.TaskSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Hades job ({@code POST /build}, Hades 1.0's {@code RESTPayload}) into a JobSpec. Job
 * {@code metadata} is every step's env, a step's own {@code metadata} overrides it, and each step
 * also gets {@code UUID} (the job id) and {@code JOB_NAME}, which nothing overrides. A client's job
 * {@code id} is ignored, as Hades ignores it. Fields Hades does not know are ignored as Hades ignores
 * them, but named in the answer's warnings, so a misspelt key does not vanish unseen.
 */
final class HadesJobReader {

  /** How a Hades job names its dialect ({@code dialect:hades} finds them). */
  static final String DIALECT = "hades";

  static final String WORKDIR = "/shared";
  /** Hades bounds the timeout so that its nanoseconds fit in an int64. */
  static final long MAX_TIMEOUT_SECONDS = 9_223_372_036L;
  private static final Set<String> JOB_FIELDS = Set.of(
      "id", "name", "metadata", "steps", "priority", "timestamp", "timeout_seconds", "callback_url");
  private static final Set<String> STEP_FIELDS = Set.of("id", "name", "image", "script", "metadata",
      "continue_on_error", "cpu_limit", "memory_limit", "memory_swap", "pids_limit", "network");
  /** Sent by Hades' own client, ignored by Hades: the warning says why they change nothing. */
  private static final Map<String, String> IGNORED = Map.of(
      "volumes", "ignored: steps share only the job's /shared volume",
      "volumeMounts", "ignored: steps share only the job's /shared volume",
      "workingDir", "ignored: every step runs in " + WORKDIR);
  /** A body of a megabyte could hold 100,000 unknown fields: the answer names the first ones only. */
  private static final int MAX_IGNORED_LISTED = 20;
  private static final Set<String> RESERVED_ENV = Set.of("UUID", "JOB_NAME");
  private static final Pattern UUID = Pattern.compile(
      "(urn:uuid:)?\\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}}?");
  private static final Pattern NETWORK = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");

  /** A job read from a request, with what was accepted but ignored, and its steps in id order (task i is steps[i]). */
  record HadesJob(JobSpec spec, List<String> warnings, List<SpecNode> steps) {

    /** A later refusal of the job (the server's policy), in the request's field names. */
    InvalidJobException translated(InvalidJobException e) {
      return HadesPaths.translated(e, steps);
    }
  }

  private final List<String> warnings = new ArrayList<>();
  private int ignoredFields;
  private final String jobId;

  private HadesJobReader(String jobId) {
    this.jobId = jobId;
  }

  /** Parses and validates {@code body} for a job that will get the id {@code jobId}. */
  static HadesJob read(String body, String jobId) {
    return new HadesJobReader(jobId).job(SpecNode.root(JobDocuments.parse(body, Format.JSON)));
  }

  private HadesJob job(SpecNode job) {
    List<SpecNode> stepNodes = job.objects("steps");
    ignoreUnknown(job, JOB_FIELDS);
    stepNodes.forEach(step -> ignoreUnknown(step, STEP_FIELDS));
    if (ignoredFields > MAX_IGNORED_LISTED) {
      warnings.add("and " + (ignoredFields - MAX_IGNORED_LISTED) + " more fields ignored");
    }
    String clientId = job.text("id");
    if (clientId != null && !UUID.matcher(clientId).matches()) {
      throw job.invalid("id", "must be a UUID (it is ignored: Gantry gives every job a new id)");
    }
    String name = job.text("name");
    if (name == null || name.isEmpty()) {
      throw job.invalid("name", "\"name\" is required");
    }
    timestamp(job);
    Integer priority = HadesPriority.level(job);
    Duration timeout = timeout(job);
    String callback = callbackUrl(job);
    if (stepNodes.isEmpty()) {
      throw job.invalid("steps", "a job needs at least one step");
    }
    HadesStepOrder.Ordered order = HadesStepOrder.of(stepNodes);
    order.warning().ifPresent(warnings::add);
    List<TaskSpec> tasks = new ArrayList<>();
    for (SpecNode step : order.steps()) {
      tasks.add(step(step, tasks.size() + 1, name));
    }
    JobSpec spec = new JobSpec(name, null, List.of(), job.stringMap("metadata"), tasks, timeout, priority, callback)
        .withDialect(DIALECT);
    try {
      return new HadesJob(JobSpecValidator.validate(spec), List.copyOf(warnings), order.steps());
    } catch (InvalidJobException e) {
      throw HadesPaths.translated(e, order.steps());
    }
  }

  /** Hades ignores fields it does not know; so does Gantry, saying so in a warning (the first few by name). */
  private void ignoreUnknown(SpecNode node, Set<String> known) {
    for (String path : node.unknownFields(known)) {
      ignoredFields++;
      if (ignoredFields <= MAX_IGNORED_LISTED) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        warnings.add(path + ": " + IGNORED.getOrDefault(field, "ignored: not a field of a Hades job"));
      }
    }
  }

  /** Hades reads it as an RFC 3339 time and keeps it nowhere: checked, then dropped. */
  private static void timestamp(SpecNode job) {
    String timestamp = job.text("timestamp");
    if (timestamp != null) {
      try {
        OffsetDateTime.parse(timestamp);
      } catch (DateTimeParseException e) {
        throw job.invalid("timestamp", "'" + timestamp + "' is not an RFC 3339 time (e.g. 2026-08-20T10:00:00Z)");
      }
    }
  }

  private static Duration timeout(SpecNode job) {
    Long seconds = wholeNumber(job, "timeout_seconds");
    if (seconds != null && seconds < 0) {
      throw job.invalid("timeout_seconds", "timeout_seconds cannot be negative");
    }
    if (seconds != null && seconds > MAX_TIMEOUT_SECONDS) {
      throw job.invalid("timeout_seconds", "timeout_seconds must not exceed " + MAX_TIMEOUT_SECONDS);
    }
    return seconds == null || seconds == 0 ? null : Duration.ofSeconds(seconds);
  }

  /** Hades' rule (absolute http or https with a host) and wording; the core's own rule follows. */
  private static String callbackUrl(SpecNode job) {
    String url = job.text("callback_url");
    if (url == null || url.isEmpty()) {
      return null;
    }
    String problem;
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      problem = !uri.isAbsolute() ? "callback URL must be absolute"
          : !(scheme.equals("http") || scheme.equals("https")) ? "callback URL scheme must be http or https"
          : uri.getHost() == null ? "callback URL must include a host" : null;
    } catch (URISyntaxException e) {
      problem = "callback URL is not parseable";
    }
    if (problem != null) {
      throw job.invalid("callback_url", "Invalid callback_url: " + problem);
    }
    return url;
  }

  private TaskSpec step(SpecNode step, int position, String jobName) {
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
    return new TaskSpec(name == null || name.isBlank() ? "step " + position : name, null, step.requiredText("image"),
        step.text("script"), List.of(), List.of(), env, Map.of(), WORKDIR, null, 0, HadesLimits.of(step), network(step),
        null, Boolean.TRUE.equals(continueOnError));
  }

  /** Hades 1.0 takes none, bridge, host, default or a network's name; empty is the executor's default. */
  private static String network(SpecNode step) {
    String network = step.text("network");
    if (network == null || network.isEmpty()) {
      return null;
    }
    if (!NETWORK.matcher(network).matches()) {
      throw step.invalid("network", "invalid network mode: must be none, bridge, host, default, or a valid network name");
    }
    return network;
  }

  /** A whole number (Hades' int64 fields), as a JSON number or a string of digits; null when absent. */
  static Long wholeNumber(SpecNode node, String field) {
    return node.parsed(field, text -> {
      if (!WHOLE_NUMBER.matcher(text.trim()).matches()) {
        throw new IllegalArgumentException("must be a whole number");
      }
      return Long.parseLong(text.trim());
    });
  }
}
