package dev.gantry.server.sourcehut;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.job.JobGroup;
import dev.gantry.core.job.JobState;
import dev.gantry.core.outbox.Delivery;
import java.util.Map;

/**
 * The job group a group trigger's call reports (named by its {@link Delivery#GROUP_HEADER}), read
 * when the call is sent: as {@code GET /api/job-group/:id} shows it, and the status it ended with
 * ({@code success} when every job succeeded, else {@code failed}).
 */
final class EndedGroup {

  private EndedGroup() {}

  static boolean isAbout(Delivery delivery) {
    return Delivery.GROUP_ENDED.equals(delivery.event());
  }

  static JobGroup group(JobService jobs, Delivery delivery) {
    return jobs.groups().group(Principal.SYSTEM, Long.parseLong(delivery.headers().get(Delivery.GROUP_HEADER)));
  }

  static Map<String, Object> view(JobService jobs, JobGroup group) {
    return SourcehutGroups.groupView(new BuildLookup(jobs, jobs.sessions()), Principal.SYSTEM, group);
  }

  static String status(Delivery delivery) {
    return SourcehutStates.of(JobState.valueOf(delivery.subjectState()));
  }
}
