package dev.gantry.core.engine;

import dev.gantry.core.auth.AccessDeniedException;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.Viewer;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.Store;
import java.util.Set;

/**
 * Whether a caller's access reaches a job ({@link dev.gantry.core.auth.JobAccess}): one it may not
 * read does not exist for it (NotFoundException, as for an unknown id), one it may read but not
 * change refuses changes (AccessDeniedException). Scopes are checked by the caller of these.
 */
final class JobAccessCheck {

  private final Store store;

  JobAccessCheck(Store store) {
    this.store = store;
  }

  /** Who {@code caller} is to jobs' access lists; its roles are read only for those that are not admins. */
  Viewer viewer(Principal caller) {
    return caller.isAdmin() ? Viewer.ALL : Viewer.of(caller, store.rolesOf(caller.user()));
  }

  /** The job, if {@code caller}'s access reaches it. */
  Job readable(Principal caller, String jobId) {
    Job job = store.findJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
    if (!viewer(caller, job).canRead(job)) {
      throw new NotFoundException("job", jobId);
    }
    return job;
  }

  /** The run, if {@code caller}'s access reaches its job; NotFoundException for the run otherwise. */
  TaskRun readableRun(Principal caller, String runId) {
    TaskRun run = store.findRun(runId).orElseThrow(() -> new NotFoundException("task", runId));
    Job job = store.findJob(run.jobId()).orElseThrow(() -> new NotFoundException("task", runId));
    if (!viewer(caller, job).canRead(job)) {
      throw new NotFoundException("task", runId);
    }
    return run;
  }

  /**
   * Checks that {@code caller} may change the job: jobs:write, and write access (403) to a job it
   * may read (404). A token that may only change (no jobs:read) still changes the jobs its user may see.
   */
  void changeable(Principal caller, String jobId) {
    caller.require(Scope.JOBS_WRITE);
    Job job = readable(caller, jobId);
    if (!viewer(caller, job).canChange(job)) {
      throw new AccessDeniedException(caller.user() + " may see job " + jobId + " but not change it: its owner or an admin"
          + " may give write access in its permissions");
    }
  }

  /** As {@link #viewer(Principal)}, reading the roles only when the job's list names one. */
  private Viewer viewer(Principal caller, Job job) {
    if (caller.isAdmin()) {
      return Viewer.ALL;
    }
    return Viewer.of(caller, job.spec().access().namesRoles() ? store.rolesOf(caller.user()) : Set.of());
  }
}
