package dev.gantry.server.sourcehut;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.outbox.Delivery;

/**
 * The build a trigger's call reports, read when the call is sent: the job as builds.sr.ht shows it,
 * its status the one it ended with (a call that waited for a retry still says what happened).
 */
final class EndedBuild {

  private EndedBuild() {}

  static SourcehutJobView of(JobService jobs, Delivery delivery) {
    Job job = jobs.job(delivery.jobId());
    long number = jobs.sessions().number(job.id());
    String base = job.spec().annotations().getOrDefault(SourcehutDialect.BASE, "");
    SourcehutJobView view = SourcehutJobView.of(job, number, jobs.sessions().steps(Principal.SYSTEM, job.id()), base);
    String status = delivery.subjectState() == null ? view.status()
        : SourcehutStates.of(JobState.valueOf(delivery.subjectState()));
    return new SourcehutJobView(view.id(), status, view.setup_log(), view.tasks(), view.note(), view.runner(),
        view.tags(), view.owner());
  }
}
