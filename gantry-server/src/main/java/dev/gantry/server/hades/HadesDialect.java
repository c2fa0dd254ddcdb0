package dev.gantry.server.hades;

import dev.gantry.core.engine.Ids;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.job.Job;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.LogRequests;
import dev.gantry.server.LogStreams;
import dev.gantry.server.PlainLog;
import dev.gantry.server.RequestBody;
import dev.gantry.server.ServerSettings;
import dev.gantry.server.hades.HadesJobReader.HadesJob;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The API of Hades, the CI job scheduler: {@code POST /build}, {@code GET /build/{id}/status},
 * {@code GET /build/{id}/logs} (plain text, JSON or server-sent events, live while the job runs)
 * and {@code GET /ping}. Errors are plain text, as Hades writes them. A Hades job id is a UUID.
 * Its log manager's routes are {@link HadesLogManagerDialect}'s.
 */
public final class HadesDialect implements HttpDialect, AutoCloseable {

  private final JobService jobs;
  private final long maxRequestBytes;
  private final LogStreams logStreams;
  private final Clock clock;

  public HadesDialect(JobService jobs, ServerSettings settings, LogStreams logStreams) {
    this(jobs, settings, logStreams, Clock.systemUTC());
  }

  /** {@code clock}: the time {@code /ping} tells. */
  public HadesDialect(JobService jobs, ServerSettings settings, LogStreams logStreams, Clock clock) {
    this.jobs = jobs;
    this.maxRequestBytes = settings.maxRequestBytes();
    this.logStreams = logStreams;
    this.clock = clock;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/build", "/ping");
  }

  @Override
  public void register(DialectRoutes routes) {
    routes
        .post("/build", this::submit)
        .get("/build/{id}/status", this::status)
        .get("/build/{id}/logs", this::logs);
    routes.open().get("/ping", this::ping);
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    HadesErrors.render(ctx, error);
  }

  /** Hades 1.0's shape and the older {@code {"message": "pong"}} in one answer, so clients of either read it. */
  private void ping(Context ctx) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    JsonResponses.write(ctx, 200, HadesPingView.at(now));
  }

  /** Any content type: Hades reads every body as JSON. */
  private void submit(Context ctx) {
    String body = RequestBody.utf8(ctx, maxRequestBytes);
    String id = UUID.randomUUID().toString();
    HadesJob job = HadesJobReader.read(body, id);
    try {
      jobs.submit(Callers.of(ctx), id, job.spec());
    } catch (InvalidJobException e) {
      throw job.translated(e); // the operator's policy, applied by the core, in Hades' field names
    }
    JsonResponses.write(ctx, 200, HadesSubmitView.of(id, job.warnings()));
  }

  private void status(Context ctx) {
    Job job = jobs.job(Callers.of(ctx), id(ctx));
    JsonResponses.write(ctx, 200, new HadesStatusView(job.id(), HadesStates.of(job.state())));
  }

  /** Live plain text by default; {@code Accept: text/event-stream} for events, {@code application/json} for the log manager's document. */
  private void logs(Context ctx) throws IOException {
    String id = id(ctx);
    if (LogRequests.wantsEvents(ctx)) {
      logStreams.stream(ctx, id, LogRequests.after(ctx), HadesLogEvents.INSTANCE);
    } else if (LogRequests.accepts(ctx, "application/json")) {
      HadesLogDocument.answer(ctx, jobs, id);
    } else {
      logStreams.stream(ctx, id, LogRequests.after(ctx), PlainLog.INSTANCE);
    }
  }

  /** The path's job id; an id that no job can have is unknown without asking the store. */
  static String id(Context ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id)) {
      throw new NotFoundException("job", Echo.of(id));
    }
    return id;
  }

  @Override
  public void close() {
    logStreams.close();
  }
}
