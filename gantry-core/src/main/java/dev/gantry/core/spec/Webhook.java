package dev.gantry.core.spec;

import java.util.Map;
import java.util.Set;

/**
 * A Tork webhook of a job: {@code url} is POSTed the job summary (job events) or the task (task
 * events) when {@code event} happens and {@code condition} (Tork's {@code if}, a template; null:
 * always) does not render {@code false}. Header values are templates too. Both read {@code job}
 * (and {@code task} for task events) and {@code inputs}.
 */
public record Webhook(String url, Map<String, String> headers, String event, String condition) {

  /** The job's state changed (Tork's default event). */
  public static final String JOB_STATE_CHANGE = "job.StateChange";
  /** A task of the job completed: its position and progress moved on. */
  public static final String JOB_PROGRESS = "job.Progress";
  /** A task's state changed. */
  public static final String TASK_STATE_CHANGE = "task.StateChange";
  /** A task reported progress: accepted as Tork does, though Gantry's tasks report none yet. */
  public static final String TASK_PROGRESS = "task.Progress";
  public static final Set<String> EVENTS = Set.of(JOB_STATE_CHANGE, JOB_PROGRESS, TASK_STATE_CHANGE, TASK_PROGRESS);

  public Webhook {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    event = event == null || event.isBlank() ? JOB_STATE_CHANGE : event;
  }

  /** Whether the webhook is about a task (it sees {@code task}) rather than the job. */
  public boolean aboutTasks() {
    return event.startsWith("task.");
  }
}
