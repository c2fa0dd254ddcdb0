package dev.gantry.core.outbox;

import dev.gantry.core.engine.Ids;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobGroup;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TorkStateNames;
import dev.gantry.core.spec.Webhook;
import dev.gantry.core.spec.WebhookTemplates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which outgoing calls a state change causes: pure, so that the transaction making the change
 * writes them with it. A job that ends with a {@code callbackUrl} calls it (Hades). A Tork job's
 * webhooks are called for their event when its {@code if} lets them, with their header templates
 * evaluated now, against the job (and task) as the change left it: job.StateChange when the job's
 * state under Tork's names changes, job.Progress when a task completed and the job moves on to the
 * next, task.StateChange when a run is created (SCHEDULED), starts (RUNNING, written by the claim) or ends,
 * task.Progress and job.Progress when a running task reports a new progress. A template that fails to
 * evaluate must not undo the change: its call is written FAILED, with the reason. A job's end
 * triggers ({@link dev.gantry.core.spec.EndTrigger}) whose condition holds are called once when it ends.
 */
public final class OutboxRules {

  private OutboxRules() {}

  /** The calls caused by a job going from {@code before} (null: it is new) to {@code after}. */
  public static List<Delivery> jobChanged(Job before, Job after, Instant now) {
    boolean stateChanged = before == null || before.state() != after.state();
    List<Delivery> calls = new ArrayList<>();
    String callback = after.spec().callbackUrl();
    if (callback != null && after.state().isTerminal() && stateChanged) {
      calls.add(Delivery.pending(Ids.newId(), Delivery.HADES_CALLBACK, after.id(), null, Webhook.JOB_STATE_CHANGE,
          callback, Map.of(), after.state().name(), after.position(), now));
    }
    if (after.state().isTerminal() && stateChanged) {
      for (EndTrigger trigger : after.spec().triggers()) {
        if (trigger.condition().holds(after.state())) {
          calls.add(Delivery.pending(Ids.newId(), trigger.kind(), after.id(), null, Delivery.JOB_ENDED, trigger.target(),
              trigger.headers(), after.state().name(), after.position(), now));
        }
      }
    }
    if (after.spec().webhooks().isEmpty()) {
      return calls;
    }
    boolean torkStateChanged = before == null || !TorkStateNames.of(before.state()).equals(TorkStateNames.of(after.state()));
    boolean progressed = before != null && after.position() > before.position() && !after.state().isTerminal();
    for (Webhook webhook : after.spec().webhooks()) {
      boolean fires = switch (webhook.event()) {
        case Webhook.JOB_STATE_CHANGE -> torkStateChanged;
        case Webhook.JOB_PROGRESS -> progressed;
        default -> false;
      };
      if (fires) {
        webhookCall(webhook, after, null, WebhookContext.of(after), after.state().name(), after.position(), now, calls);
      }
    }
    return calls;
  }

  /** Whether a job of {@code spec} has task.StateChange webhooks: only then does a run's claim write calls. */
  public static boolean hasTaskStateWebhooks(JobSpec spec) {
    return spec.webhooks().stream().anyMatch(w -> w.event().equals(Webhook.TASK_STATE_CHANGE));
  }

  /**
   * The calls of a group's triggers, now that {@code last}, its last job, ended: about the group
   * (its id in {@link Delivery#GROUP_HEADER}), listed with that job's calls.
   */
  public static List<Delivery> groupEnded(JobGroup.Ended ended, Job last, Instant now) {
    JobState end = ended.allSucceeded() ? JobState.SUCCEEDED : JobState.FAILED;
    List<Delivery> calls = new ArrayList<>();
    for (EndTrigger trigger : ended.group().triggers()) {
      if (trigger.condition().holds(end)) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(trigger.headers());
        headers.put(Delivery.GROUP_HEADER, Long.toString(ended.group().id()));
        calls.add(Delivery.pending(Ids.newId(), trigger.kind(), last.id(), null, Delivery.GROUP_ENDED, trigger.target(),
            headers, end.name(), null, now));
      }
    }
    return calls;
  }

  /** The calls caused by a run of {@code job} going from {@code before} (null: it is new) to {@code after}. */
  public static List<Delivery> runChanged(Job job, TaskRun before, TaskRun after, Instant now) {
    if (job.spec().webhooks().isEmpty() || (before != null && before.state() == after.state())) {
      return List.of();
    }
    List<Delivery> calls = new ArrayList<>();
    for (Webhook webhook : job.spec().webhooks()) {
      if (webhook.event().equals(Webhook.TASK_STATE_CHANGE)) {
        webhookCall(webhook, job, after, WebhookContext.of(job, after), after.state().name(), null, now, calls);
      }
    }
    return calls;
  }

  /**
   * The calls caused by {@code after}, a run of {@code job} (as the report left it), reporting a
   * new progress: its task.Progress webhooks, and its job.Progress ones, as Tork calls both.
   */
  public static List<Delivery> runProgressed(Job job, TaskRun after, Instant now) {
    List<Delivery> calls = new ArrayList<>();
    for (Webhook webhook : job.spec().webhooks()) {
      if (webhook.event().equals(Webhook.TASK_PROGRESS)) {
        webhookCall(webhook, job, after, WebhookContext.of(job, after), after.state().name(), null, now, calls);
      } else if (webhook.event().equals(Webhook.JOB_PROGRESS)) {
        webhookCall(webhook, job, null, WebhookContext.of(job), job.state().name(), job.position(), now, calls);
      }
    }
    return calls;
  }

  private static void webhookCall(Webhook webhook, Job job, TaskRun run, Map<String, Object> context, String state,
      Integer position, Instant now, List<Delivery> calls) {
    String runId = run == null ? null : run.id();
    try {
      if (!WebhookTemplates.passes(webhook, context)) {
        return;
      }
      calls.add(Delivery.pending(Ids.newId(), Delivery.WEBHOOK, job.id(), runId, webhook.event(), webhook.url(),
          WebhookTemplates.headers(webhook, context), WebhookTemplates.secretHeaders(webhook), state, position, now));
    } catch (InvalidJobException e) {
      calls.add(Delivery.pending(Ids.newId(), Delivery.WEBHOOK, job.id(), runId, webhook.event(), webhook.url(), Map.of(),
          state, position, now).failed("the webhook's " + e.field() + " could not be evaluated: " + e.getMessage()));
    }
  }
}
