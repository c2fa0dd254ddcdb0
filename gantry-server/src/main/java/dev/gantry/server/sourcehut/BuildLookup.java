package dev.gantry.server.sourcehut;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.engine.SessionJobs;
import dev.gantry.core.job.Job;
import dev.gantry.core.spec.Echo;
import io.javalin.http.Context;

/** Finds a sourcehut job by its integer id, for a caller that may read (or change) it; any other is a 404. */
final class BuildLookup {

  private final JobService jobs;
  private final SessionJobs sessions;

  BuildLookup(JobService jobs, SessionJobs sessions) {
    this.jobs = jobs;
    this.sessions = sessions;
  }

  /** The job numbered {@code number}, if the caller may read it and it is a sourcehut job. */
  Job readable(Principal caller, long number) {
    Job job = jobs.job(caller, sessions.jobWithNumber(number));
    if (!isBuild(job)) {
      throw new NotFoundException("job", Long.toString(number));
    }
    SourcehutAccess.requireRead(caller, job, number);
    return job;
  }

  /** The job, if the caller may also start and cancel it. */
  Job writable(Principal caller, long number) {
    Job job = readable(caller, number);
    SourcehutAccess.requireWrite(caller, job, number);
    return job;
  }

  static boolean isBuild(Job job) {
    return job.spec().annotations().containsKey(SourcehutDialect.MANIFEST) && job.spec().tasks().size() == 1
        && job.spec().tasks().get(0).session() != null;
  }

  /** The path's {@code id}: sourcehut's ids are integers; anything else names no job. */
  static long number(Context ctx) {
    return parseNumber(ctx.pathParam("id"));
  }

  static long parseNumber(String text) {
    if (!text.matches("\\d{1,18}")) {
      throw new NotFoundException("job", Echo.of(text));
    }
    return Long.parseLong(text);
  }
}
