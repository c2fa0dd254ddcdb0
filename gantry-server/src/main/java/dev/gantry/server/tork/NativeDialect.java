package dev.gantry.server.tork;

import dev.gantry.core.engine.JobEndWaits;
import dev.gantry.core.engine.JobService;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.LogStreams;
import dev.gantry.server.ServerSettings;
import io.javalin.http.Context;
import dev.gantry.core.spi.TaskRuntime;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gantry's native API, which is Tork's: same paths, field names and error bodies. */
public final class NativeDialect implements HttpDialect, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NativeDialect.class);

  private final JobService jobService;
  private final String version;
  private final JobEndpoints jobs;
  private final TaskEndpoints tasks;
  private final LogStreams logStreams;
  private final JobEndWaits waits;
  private final JobShellEndpoint shells;

  public NativeDialect(JobService jobService, ServerSettings settings) {
    this(jobService, settings, new LogStreams(jobService));
  }

  /** {@code logStreams} answers live log requests; it may be shared with other dialects. */
  public NativeDialect(JobService jobService, ServerSettings settings, LogStreams logStreams) {
    this(jobService, settings, logStreams, () -> null);
  }

  /** {@code shellRuntime}: the runtime this process runs tasks on (null from it: none), for shells in kept environments. */
  public NativeDialect(JobService jobService, ServerSettings settings, LogStreams logStreams,
      Supplier<TaskRuntime> shellRuntime) {
    this.shells = new JobShellEndpoint(jobService, shellRuntime);
    this.jobService = jobService;
    this.version = settings.version();
    this.logStreams = logStreams;
    this.waits = new JobEndWaits(jobService);
    this.jobs = new JobEndpoints(jobService, settings.maxRequestBytes(), logStreams, waits);
    this.tasks = new TaskEndpoints(jobService);
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/");
  }

  @Override
  public void register(DialectRoutes routes) {
    routes
        .get("/jobs", jobs::list)
        .post("/jobs", jobs::submit)
        .get("/jobs/{id}", jobs::get)
        .put("/jobs/{id}/cancel", jobs::cancel)
        .put("/jobs/{id}/restart", jobs::restart)
        .put("/jobs/{id}/start", jobs::start)
        .get("/jobs/{id}/log", jobs::log)
        .get("/jobs/{id}/log/stream", jobs::logStream)
        .get("/jobs/{id}/deliveries", jobs::deliveries)
        .get("/tasks/{id}", tasks::get)
        .get("/tasks/{id}/log", tasks::log)
        .webSocket("/jobs/{id}/shell", shells::check, shells::plainGet, shells::configure);
    routes.open().get("/health", this::health);
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    NativeErrors.render(ctx, error);
  }

  @Override
  public void close() {
    waits.close();
    logStreams.close();
  }

  private void health(Context ctx) {
    boolean up;
    try {
      up = jobService.isHealthy();
    } catch (RuntimeException e) {
      log.warn("health check failed: {}", e.toString());
      up = false;
    }
    JsonResponses.write(ctx, up ? 200 : 503, new StatusView(up ? "UP" : "DOWN", version));
  }
}
