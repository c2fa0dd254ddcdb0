package dev.gantry.core.outbox;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.TorkStateNames;
import dev.gantry.core.spec.WebhookTemplates;
import java.util.HashMap;
import java.util.Map;

/**
 * What a webhook's templates read: {@code job} (and {@code task}) as Tork's summaries, its
 * {@code inputs} and its {@code secrets} (in clear: only for headers, which the store seals), with
 * states under Tork's names. Each field is there under its JSON name ({@code job.state}) and its
 * Go name ({@code job.State}), the form Tork's own examples use.
 */
final class WebhookContext {

  private WebhookContext() {}

  static Map<String, Object> of(Job job) {
    return Map.of("job", job(job), "inputs", Map.<String, Object>copyOf(job.spec().inputs()), WebhookTemplates.SECRETS,
        Map.<String, Object>copyOf(job.spec().secrets()));
  }

  static Map<String, Object> of(Job job, TaskRun run) {
    Map<String, Object> task = new HashMap<>();
    both(task, "id", "ID", run.id());
    both(task, "jobId", "JobID", run.jobId());
    both(task, "name", "Name", run.name());
    both(task, "state", "State", TorkStateNames.of(run.state()));
    both(task, "position", "Position", run.position());
    both(task, "attempt", "Attempt", run.attempt());
    both(task, "result", "Result", run.result() == null ? "" : run.result());
    both(task, "error", "Error", run.error() == null ? "" : run.error());
    both(task, "queue", "Queue", run.queue());
    both(task, "progress", "Progress", run.progress() == null ? 0.0 : run.progress());
    return Map.of("job", job(job), "task", task, "inputs", Map.<String, Object>copyOf(job.spec().inputs()),
        WebhookTemplates.SECRETS, Map.<String, Object>copyOf(job.spec().secrets()));
  }

  private static Map<String, Object> job(Job job) {
    Map<String, Object> summary = new HashMap<>();
    both(summary, "id", "ID", job.id());
    both(summary, "name", "Name", job.name());
    both(summary, "state", "State", TorkStateNames.of(job.state()));
    both(summary, "position", "Position", job.position());
    both(summary, "taskCount", "TaskCount", job.taskCount());
    both(summary, "progress", "Progress", job.progress());
    both(summary, "result", "Result", job.result() == null ? "" : job.result());
    both(summary, "error", "Error", job.error() == null ? "" : job.error());
    both(summary, "tags", "Tags", job.spec().tags());
    return summary;
  }

  private static void both(Map<String, Object> into, String json, String go, Object value) {
    into.put(json, value);
    into.put(go, value);
  }
}
