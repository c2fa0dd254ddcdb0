package dev.gantry.server.sourcehut;

import dev.gantry.core.engine.JobService;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobGroup;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.server.outbound.EmailBody;

/**
 * The email of a builds.sr.ht email trigger. Its subject is builds.sr.ht's,
 * {@code [<tags>] build <status>} ({@code [builds.sr.ht] build <status>} for a job without tags),
 * so that mail filters written for it still match; the text names the job, its note, and each
 * task's status with its log's URL. A job group's email is {@code [builds.sr.ht] job group <id> <status>}
 * and lists each job's status and URL.
 */
public final class SourcehutEmail implements EmailBody {

  private final JobService jobs;

  public SourcehutEmail(JobService jobs) {
    this.jobs = jobs;
  }

  @Override
  public Email compose(Delivery delivery) {
    if (EndedGroup.isAbout(delivery)) {
      return group(delivery);
    }
    SourcehutJobView build = EndedBuild.of(jobs, delivery);
    String tags = build.tags() == null || build.tags().isEmpty() ? "builds.sr.ht" : build.tags();
    StringBuilder text = new StringBuilder();
    text.append("Job #").append(build.id()).append(": ").append(build.status()).append('\n');
    if (build.note() != null && !build.note().isBlank()) {
      text.append('\n').append(build.note().strip()).append('\n');
    }
    text.append('\n');
    if (build.setup_log() != null) {
      text.append("setup: ").append(build.setup_log()).append('\n');
    }
    for (SourcehutJobView.TaskView task : build.tasks()) {
      text.append(task.name()).append(": ").append(task.status());
      if (task.log() != null) {
        text.append(' ').append(task.log());
      }
      text.append('\n');
    }
    return new Email("[" + tags + "] build " + build.status(), text.toString());
  }

  private Email group(Delivery delivery) {
    JobGroup group = EndedGroup.group(jobs, delivery);
    String status = EndedGroup.status(delivery);
    StringBuilder text = new StringBuilder("Job group #" + group.id() + ": " + status + "\n");
    if (group.note() != null && !group.note().isBlank()) {
      text.append('\n').append(group.note().strip()).append('\n');
    }
    text.append('\n');
    for (long number : group.jobs()) {
      Job job = jobs.job(jobs.sessions().jobWithNumber(number));
      String base = job.spec().annotations().getOrDefault(SourcehutDialect.BASE, "");
      text.append("#").append(number).append(": ").append(SourcehutStates.of(job.state())).append(' ')
          .append(base).append("/api/jobs/").append(number).append('\n');
    }
    return new Email("[builds.sr.ht] job group " + group.id() + " " + status, text.toString());
  }
}
