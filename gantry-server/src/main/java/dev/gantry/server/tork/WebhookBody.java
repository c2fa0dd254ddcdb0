package dev.gantry.server.tork;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.outbound.DeliveryBody;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body of a Tork webhook, as Tork sends it: the job summary for a job event, the task (as at
 * {@code GET /tasks/{id}}) for a task event. Read when the call is sent; its {@code state} (and a
 * job's {@code position} and {@code progress}) are those of the event, so a call that waited for a
 * retry still says what happened.
 */
public final class WebhookBody implements DeliveryBody {

  private final JobService jobs;

  public WebhookBody(JobService jobs) {
    this.jobs = jobs;
  }

  @Override
  public void write(Delivery delivery, OutputStream out) throws IOException {
    Job job = jobs.job(delivery.jobId());
    ObjectNode body;
    if (delivery.runId() == null) {
      Job atEvent = delivery.subjectPosition() == null ? job : job.atPosition(delivery.subjectPosition());
      body = JsonResponses.mapper().valueToTree(JobSummaryView.of(atEvent));
      body.put("state", TorkStates.of(JobState.valueOf(delivery.subjectState())));
    } else {
      TaskRun run = jobs.runs(delivery.jobId()).stream().filter(r -> r.id().equals(delivery.runId())).findFirst()
          .orElseThrow(() -> new NotFoundException("task", delivery.runId()));
      body = JsonResponses.mapper().valueToTree(ExecutionView.of(run, job));
      body.put("state", TorkStates.of(RunState.valueOf(delivery.subjectState())));
    }
    JsonResponses.mapper().writeValue(out, body);
  }
}
