package dev.gantry.server.daestro;

import dev.gantry.core.cluster.QueueNames;
import dev.gantry.core.definition.DefinitionNames;
import dev.gantry.core.definition.EnvEntries;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobDocuments;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecValidator;
import dev.gantry.core.spec.SpecNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads Daestro's Job Submit body (seed 004): strict, every error naming its field. */
final class DaestroJobReader {

  private static final Set<String> FIELDS = Set.of("job_definition", "job_queue", "name", "container_cmd",
      "container_cmd_parameter", "container_env", "schedule_at");
  /** Unix seconds up to the year 9999. */
  private static final long MAX_UNIX_SECONDS = 253_402_300_799L;

  private DaestroJobReader() {}

  static DaestroJobRequest read(String body) {
    SpecNode root = SpecNode.root(JobDocuments.parse(body, Format.JSON));
    root.onlyFields(FIELDS, Set.of());
    DefinitionNames.Reference definition = DefinitionNames.reference("job_definition", root.requiredText("job_definition"));
    String queue = root.requiredText("job_queue");
    if (!QueueNames.isWellFormed(queue)) {
      throw root.invalid("job_queue", "must be project::queue, " + QueueNames.RULE);
    }
    String name = root.text("name");
    if (name != null && (name.isBlank() || name.length() > JobSpecValidator.MAX_NAME)) {
      throw root.invalid("name", "must be 1 to " + JobSpecValidator.MAX_NAME + " characters");
    }
    List<String> command = root.has("container_cmd") ? root.stringList("container_cmd") : null;
    Map<String, String> parameters = root.stringMap("container_cmd_parameter");
    EnvEntries env = EnvEntries.read(root, "container_env");
    return new DaestroJobRequest(definition, queue, name, command, parameters, env, scheduleAt(root));
  }

  /** RFC 3339 text or unix seconds. */
  private static Instant scheduleAt(SpecNode root) {
    if (!root.has("schedule_at")) {
      return null;
    }
    String text = root.text("schedule_at");
    if (text.matches("-?\\d{1,19}")) {
      long seconds;
      try {
        seconds = Long.parseLong(text);
      } catch (NumberFormatException e) {
        seconds = -1;
      }
      if (seconds < 0 || seconds > MAX_UNIX_SECONDS) {
        throw root.invalid("schedule_at", "unix seconds must be between 0 and " + MAX_UNIX_SECONDS);
      }
      return Instant.ofEpochSecond(seconds);
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidJobException("schedule_at", "must be an RFC 3339 time such as 2025-05-17T06:37:00.000Z, or unix seconds");
    }
  }
}
