package dev.gantry.server.hades;

import dev.gantry.core.engine.JobService;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.server.outbound.DeliveryBody;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body of Hades' {@code callback_url} call, made when a job that has one ends: the job's logs
 * as the log manager's JSON ({@link HadesLogDocument}), read when the call is sent (the job has
 * ended, so its logs are complete).
 */
public final class HadesCallbackBody implements DeliveryBody {

  private final JobService jobs;

  public HadesCallbackBody(JobService jobs) {
    this.jobs = jobs;
  }

  @Override
  public void write(Delivery delivery, OutputStream out) throws IOException {
    HadesLogDocument.write(jobs, delivery.jobId(), out);
  }
}
