package dev.gantry.server.sourcehut;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/job-group}: {@code jobs} (required), {@code note}, {@code execute}
 * (default false), {@code triggers} (as a manifest's, called when the group's last job ended).
 */
record JobGroupRequest(List<Long> jobs, String note, boolean execute, List<Manifest.Trigger> triggers) {

  private static final Set<String> FIELDS = Set.of("jobs", "note", "execute", "triggers");
  private static final int MAX_JOBS = 256;

  static JobGroupRequest read(String body) {
    JsonNode root = JsonBody.object(body, FIELDS, "a JSON object with jobs");
    List<Manifest.Trigger> triggers;
    try {
      triggers = TriggerReader.read(root.path("triggers"), "triggers");
    } catch (InvalidJobException e) {
      // The reader names the manifest's field; here the triggers are the body's own.
      throw new InvalidJobException("triggers", e.getMessage().substring((e.field() + ": ").length()));
    }
    JsonNode jobs = root.get("jobs");
    if (jobs == null || !jobs.isArray() || jobs.isEmpty()) {
      throw new InvalidJobException("jobs", "a list of job ids is required");
    }
    if (jobs.size() > MAX_JOBS) {
      throw new InvalidJobException("jobs", "at most " + MAX_JOBS + " jobs, not " + jobs.size());
    }
    List<Long> numbers = new ArrayList<>();
    for (JsonNode job : jobs) {
      if (!job.canConvertToLong() || !job.isIntegralNumber() || job.asLong() < 1) {
        throw new InvalidJobException("jobs", "'" + Echo.of(job.toString()) + "' is not a job id");
      }
      if (numbers.contains(job.asLong())) {
        throw new InvalidJobException("jobs", "job " + job.asLong() + " is named twice");
      }
      numbers.add(job.asLong());
    }
    JsonNode note = root.get("note");
    if (note != null && !note.isNull() && (!note.isTextual() || note.asText().length() > JobSpecValidator.MAX_DESCRIPTION)) {
      throw new InvalidJobException("note", "must be a string of at most " + JobSpecValidator.MAX_DESCRIPTION + " characters");
    }
    JsonNode execute = root.get("execute");
    if (execute != null && !execute.isNull() && !execute.isBoolean()) {
      throw new InvalidJobException("execute", "must be true or false");
    }
    return new JobGroupRequest(numbers, note == null || note.isNull() ? null : note.asText(),
        execute != null && execute.asBoolean(false), triggers);
  }
}
