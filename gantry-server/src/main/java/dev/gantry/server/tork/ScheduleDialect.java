package dev.gantry.server.tork;

import dev.gantry.core.engine.ScheduleService;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.QueryParameters;
import dev.gantry.server.RequestBody;
import io.javalin.http.Context;
import java.util.List;

/**
 * The native API's {@code /scheduled-jobs}: jobs started on a cron schedule, in Tork's shapes and
 * with its error bodies. Apart from {@link NativeDialect} because it answers from the schedules.
 * Every route is authenticated; the core checks the caller's scopes.
 */
public final class ScheduleDialect implements HttpDialect {

  private static final String KIND = "scheduled job";

  private final ScheduleService schedules;
  private final long maxRequestBytes;

  public ScheduleDialect(ScheduleService schedules, long maxRequestBytes) {
    this.schedules = schedules;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/scheduled-jobs");
  }

  @Override
  public void register(DialectRoutes routes) {
    routes
        .post("/scheduled-jobs", this::create)
        .get("/scheduled-jobs", this::list)
        .get("/scheduled-jobs/{id}", this::get)
        .put("/scheduled-jobs/{id}/pause", this::pause)
        .put("/scheduled-jobs/{id}/resume", this::resume)
        .delete("/scheduled-jobs/{id}", this::delete);
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    NativeErrors.render(ctx, error);
  }

  /** Checks the content type before reading the body, and reads the body before parsing it, as {@code POST /jobs}. */
  private void create(Context ctx) {
    Format format = JobDocumentTypes.of(ctx.header("Content-Type"));
    ScheduledJobReader.ScheduledJobDocument document = ScheduledJobReader.read(RequestBody.utf8(ctx, maxRequestBytes), format);
    JsonResponses.write(ctx, 200, ScheduledJobView.summary(schedules.create(Callers.of(ctx), document.spec(), document.cron())));
  }

  private void list(Context ctx) {
    int page = QueryParameters.integer(ctx, "page", 1, 1, JobEndpoints.MAX_PAGE);
    int size = QueryParameters.integer(ctx, "size", JobEndpoints.DEFAULT_PAGE_SIZE, 1, JobQuery.MAX_SIZE);
    JsonResponses.write(ctx, 200, PageView.of(schedules.list(Callers.of(ctx), page, size), ScheduledJobView::summary));
  }

  private void get(Context ctx) {
    JsonResponses.write(ctx, 200, ScheduledJobView.full(schedules.schedule(Callers.of(ctx), PathIds.id(ctx, KIND))));
  }

  private void pause(Context ctx) {
    schedules.pause(Callers.of(ctx), PathIds.id(ctx, KIND));
    JsonResponses.write(ctx, 200, StatusView.OK);
  }

  private void resume(Context ctx) {
    schedules.resume(Callers.of(ctx), PathIds.id(ctx, KIND));
    JsonResponses.write(ctx, 200, StatusView.OK);
  }

  private void delete(Context ctx) {
    schedules.delete(Callers.of(ctx), PathIds.id(ctx, KIND));
    JsonResponses.write(ctx, 200, StatusView.OK);
  }
}
