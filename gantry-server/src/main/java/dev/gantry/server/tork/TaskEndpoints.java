package dev.gantry.server.tork;

import dev.gantry.core.engine.JobService;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.Callers;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.QueryParameters;
import io.javalin.http.Context;

/** The native {@code /tasks} endpoints; a Tork "task" here is one task run. */
final class TaskEndpoints {

  private final JobService jobs;

  TaskEndpoints(JobService jobs) {
    this.jobs = jobs;
  }

  void get(Context ctx) {
    TaskRun run = jobs.run(Callers.of(ctx), PathIds.id(ctx, "task"));
    JsonResponses.write(ctx, 200, ExecutionView.of(run, jobs.job(Callers.of(ctx), run.jobId())));
  }

  void log(Context ctx) {
    String id = PathIds.id(ctx, "task");
    int page = QueryParameters.integer(ctx, "page", 1, 1, JobEndpoints.MAX_PAGE);
    int size = QueryParameters.integer(ctx, "size", JobEndpoints.DEFAULT_LOG_PAGE_SIZE, 1, JobEndpoints.MAX_LOG_PAGE_SIZE);
    JsonResponses.write(ctx, 200, PageView.of(jobs.runLog(Callers.of(ctx), id, page, size), LogPartView::of));
  }
}
