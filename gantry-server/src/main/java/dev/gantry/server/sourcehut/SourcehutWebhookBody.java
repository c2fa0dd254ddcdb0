package dev.gantry.server.sourcehut;

import dev.gantry.core.engine.JobService;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.outbound.DeliveryBody;
import java.io.IOException;
import java.io.OutputStream;

/** The body of a builds.sr.ht webhook trigger: the job's JSON, as {@code GET /api/jobs/{id}} shows it. */
public final class SourcehutWebhookBody implements DeliveryBody {

  private final JobService jobs;

  public SourcehutWebhookBody(JobService jobs) {
    this.jobs = jobs;
  }

  @Override
  public void write(Delivery delivery, OutputStream out) throws IOException {
    JsonResponses.mapper().writeValue(out, EndedBuild.of(jobs, delivery));
  }
}
