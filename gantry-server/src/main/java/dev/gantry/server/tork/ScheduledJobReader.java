package dev.gantry.server.tork;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.schedule.Cron;
import dev.gantry.core.schedule.InvalidCronException;
import dev.gantry.core.spec.JobDocuments;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spec.SpecNode;
import java.util.Set;

/**
 * Reads Tork's scheduled job: a job document (read as {@code POST /jobs} reads one, as strictly)
 * plus {@code schedule: {cron: "..."}}.
 */
final class ScheduledJobReader {

  /** A job to start on a schedule, as submitted. */
  record ScheduledJobDocument(JobSpec spec, Cron cron) {}

  private ScheduledJobReader() {}

  /** The job is checked first, as {@code POST /jobs} checks it, then its schedule. */
  static ScheduledJobDocument read(String body, Format format) {
    JsonNode root = JobDocuments.parse(body, format);
    SpecNode document = SpecNode.root(root);
    ObjectNode job = ((ObjectNode) root).deepCopy();
    job.remove("schedule");
    if (document.has("wait")) {
      // Nobody is there to answer when a scheduled run ends.
      throw document.invalid("wait", "a scheduled job's runs are not waited for: wait is for POST /jobs");
    }
    JobSpec spec = JobSpecReader.read(SpecNode.root(job));
    SpecNode schedule = document.object("schedule");
    if (schedule == null) {
      throw document.invalid("schedule", "a scheduled job needs a schedule, e.g. schedule: {cron: \"0 * * * *\"}");
    }
    schedule.onlyFields(Set.of("cron"), Set.of());
    String expression = schedule.requiredText("cron");
    Cron cron;
    try {
      cron = Cron.parse(expression);
    } catch (InvalidCronException e) {
      throw schedule.invalid("cron", e.getMessage());
    }
    return new ScheduledJobDocument(spec, cron);
  }
}
