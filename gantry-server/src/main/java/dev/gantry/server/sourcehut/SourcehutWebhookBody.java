package dev.gantry.server.sourcehut;

import dev.gantry.core.engine.JobService;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.outbound.DeliveryBody;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body of a builds.sr.ht webhook trigger: the job's JSON, as {@code GET /api/jobs/{id}} shows
 * it; for a job group's trigger, the group's, as {@code GET /api/job-group/{id}} shows it.
 */
public final class SourcehutWebhookBody implements DeliveryBody {

  private final JobService jobs;

  public SourcehutWebhookBody(JobService jobs) {
    this.jobs = jobs;
  }

  @Override
  public void write(Delivery delivery, OutputStream out) throws IOException {
    if (EndedGroup.isAbout(delivery)) {
      JsonResponses.mapper().writeValue(out, EndedGroup.view(jobs, EndedGroup.group(jobs, delivery)));
    } else {
      JsonResponses.mapper().writeValue(out, EndedBuild.of(jobs, delivery));
    }
  }
}
