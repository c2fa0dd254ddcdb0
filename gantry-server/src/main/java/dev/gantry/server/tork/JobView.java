package dev.gantry.server.tork;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.Durations;
import dev.gantry.core.spec.Secrets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job in full, as Tork's {@code GET /jobs/{id}} shows it: the summary fields, the job's
 * environment, the tasks as submitted and every task run so far ({@code execution}); secrets by
 * name only; its {@code webhooks} (header values redacted) and {@code autoDelete}.
 */
record JobView(
    @JsonUnwrapped JobSummaryView summary,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> env,
    @JsonInclude(JsonInclude.Include.NON_NULL) String output,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> secrets,
    List<TaskView> tasks,
    List<ExecutionView> execution,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WebhookView> webhooks,
    @JsonInclude(JsonInclude.Include.NON_NULL) AutoDeleteView autoDelete) {

  /** Tork's {@code autoDelete: {after}}. */
  record AutoDeleteView(String after) {}

  /** Each secret's name, never its value (as Tork shows them). */
  private static Map<String, String> redacted(Map<String, String> secrets) {
    Map<String, String> shown = new TreeMap<>();
    // Registry passwords are kept as secrets, but the job did not name them so: its tasks show them redacted.
    secrets.keySet().stream().filter(name -> !name.startsWith(Secrets.REGISTRY_PREFIX))
        .forEach(name -> shown.put(name, Secrets.REDACTED));
    return shown;
  }

  static JobView of(Job job, List<TaskRun> runs) {
    return new JobView(JobSummaryView.of(job), job.spec().env(), job.spec().output(), redacted(job.spec().secrets()),
        job.spec().tasks().stream().map(TaskView::of).toList(),
        runs.stream().map(run -> ExecutionView.of(run, job)).toList(),
        job.spec().webhooks().stream().map(WebhookView::of).toList(),
        job.spec().autoDeleteAfter() == null ? null : new AutoDeleteView(Durations.format(job.spec().autoDeleteAfter())));
  }
}
