package dev.gantry.server.hades;

import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.engine.JobStateException;
import dev.gantry.core.job.Job;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.HttpError;
import dev.gantry.server.JsonResponses;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The routes of Hades' log manager, which Hades 1.0 serves apart from its API:
 * {@code GET /jobs/{id}/status} ({@code {"status": "Queued|Running|Succeeded|Failed|Stopped"}}) and
 * {@code GET /jobs/{id}/logs} (the aggregated log document). They sit among the native API's
 * {@code /jobs/{id}...} routes without taking any of them, answer for every Gantry job, and answer
 * errors as the log manager does: {@code {"error": "..."}}.
 */
public final class HadesLogManagerDialect implements HttpDialect {

  private final JobService jobs;

  public HadesLogManagerDialect(JobService jobs) {
    this.jobs = jobs;
  }

  /** None: {@code /jobs} is the native API's, which answers for paths no route matches. */
  @Override
  public List<String> pathPrefixes() {
    return List.of();
  }

  @Override
  public void register(DialectRoutes routes) {
    routes
        .get("/jobs/{id}/status", this::status)
        .get("/jobs/{id}/logs", this::logs);
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    HttpError answer = HttpError.of(ctx, error, JobStateException::getMessage);
    // The log manager's own wording for an unknown job.
    String message = error instanceof NotFoundException e ? "job not found: " + e.id() : answer.message();
    JsonResponses.write(ctx, answer.status(), Map.of("error", message));
  }

  private void status(Context ctx) {
    Job job = jobs.job(Callers.of(ctx), HadesDialect.id(ctx));
    JsonResponses.write(ctx, 200, Map.of("status", HadesStates.ofLogManager(job.state())));
  }

  /** What {@code GET /build/{id}/logs} answers with {@code Accept: application/json}: the log so far, one entry per step container. */
  private void logs(Context ctx) throws IOException {
    HadesLogDocument.answer(ctx, jobs, HadesDialect.id(ctx));
  }
}
