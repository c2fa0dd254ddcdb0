package dev.gantry.server;

import dev.gantry.core.auth.TokenService;
import dev.gantry.core.definition.DefinitionService;
import dev.gantry.core.engine.ClusterService;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.ScheduleService;
import dev.gantry.server.hades.HadesDialect;
import dev.gantry.server.hades.HadesLogManagerDialect;
import dev.gantry.server.metrics.PrometheusMetrics;
import dev.gantry.server.sourcehut.SourcehutDialect;
import dev.gantry.server.sourcehut.SourcehutSettings;
import dev.gantry.server.metrics.RouteTimers;
import dev.gantry.server.daestro.DaestroDialect;
import dev.gantry.server.tork.ClusterDialect;
import dev.gantry.server.tork.DefinitionDialect;
import dev.gantry.server.tork.NativeDialect;
import dev.gantry.server.tork.ScheduleDialect;
import dev.gantry.server.tork.TokenDialect;
import dev.gantry.server.tork.UserDialect;
import dev.gantry.core.auth.UserService;
import dev.gantry.server.ui.WebUiDialect;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import dev.gantry.core.spi.TaskRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gantry's HTTP server: one port, every dialect. Each dialect adds its routes and renders its own
 * errors; requests that match no route (404, 405) are answered by the dialect owning the path.
 */
public final class GantryServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GantryServer.class);

  private final ServerSettings settings;
  private final Javalin app;
  private final List<HttpDialect> dialects;
  private final List<Route> routes = new ArrayList<>();

  /**
   * What a standard server serves: {@code jobs} and {@code cluster} always; {@code /scheduled-jobs}
   * over {@code schedules} and token management at {@code /auth/tokens} over {@code tokens} when
   * they are not null; users and roles ({@code /users}, {@code /roles}) over {@code users} when it is not null;
   * {@code /definitions} and Daestro's {@code /v1/client} over {@code definitions} when it is not null.
   */
  public record Services(JobService jobs, ClusterService cluster, ScheduleService schedules, TokenService tokens,
      UserService users, DefinitionService definitions, SourcehutSettings sourcehut, Supplier<TaskRuntime> shellRuntime) {

    public Services {
      sourcehut = sourcehut == null ? SourcehutSettings.defaults() : sourcehut;
      shellRuntime = shellRuntime == null ? () -> null : shellRuntime;
    }

    /** Services of a server that opens no shells in kept build environments (it runs no tasks). */
    public Services(JobService jobs, ClusterService cluster, ScheduleService schedules, TokenService tokens,
        UserService users, DefinitionService definitions, SourcehutSettings sourcehut) {
      this(jobs, cluster, schedules, tokens, users, definitions, sourcehut, null);
    }

    /** Services whose builds.sr.ht dialect has its defaults. */
    public Services(JobService jobs, ClusterService cluster, ScheduleService schedules, TokenService tokens,
        UserService users, DefinitionService definitions) {
      this(jobs, cluster, schedules, tokens, users, definitions, null);
    }

    /** Services without users or definitions, with these builds.sr.ht settings. */
    public Services(JobService jobs, ClusterService cluster, ScheduleService schedules, TokenService tokens,
        SourcehutSettings sourcehut) {
      this(jobs, cluster, schedules, tokens, null, null, sourcehut);
    }

    public Services(JobService jobs, ClusterService cluster, ScheduleService schedules, TokenService tokens) {
      this(jobs, cluster, schedules, tokens, null, null, null);
    }
  }

  /**
   * A server speaking every dialect Gantry knows but scheduled jobs and token management, without
   * authentication (loopback only), with meters of its own.
   */
  public GantryServer(ServerSettings settings, JobService jobs, ClusterService cluster) {
    this(settings, new Services(jobs, cluster, null, null), new PrometheusMetrics(), Authenticator.OFF);
  }

  /**
   * A server speaking every dialect Gantry knows over {@code services}; {@code authenticator} says
   * who each request's caller is. It times its requests in {@code metrics} and shows them (with
   * the cluster's gauges, which it adds) at {@code GET /metrics}.
   */
  public GantryServer(ServerSettings settings, Services services, PrometheusMetrics metrics,
      Authenticator authenticator) {
    this(settings, standardDialects(settings, services, metrics), authenticator, metrics.routes());
  }

  /** A server speaking exactly {@code dialects}, without authentication; one of them must own {@code /}. */
  public GantryServer(ServerSettings settings, List<HttpDialect> dialects) {
    this(settings, dialects, Authenticator.OFF);
  }

  /** A server speaking exactly {@code dialects}, each route authenticated by {@code authenticator} unless it is open. */
  public GantryServer(ServerSettings settings, List<HttpDialect> dialects, Authenticator authenticator) {
    this(settings, dialects, authenticator, new PrometheusMetrics().routes());
  }

  private GantryServer(ServerSettings settings, List<HttpDialect> dialects, Authenticator authenticator,
      RouteTimers timers) {
    this.settings = settings;
    this.dialects = List.copyOf(dialects);
    PathOwners owners = new PathOwners(dialects);
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = settings.maxRequestBytes();
      config.http.prefer405over404 = true;
      config.jetty.modifyServer(server -> server.setErrorHandler(
          new TransportErrorHandler(new MalformedRequestLog(Clock.systemUTC(), MalformedRequestLog.EVERY))));
    });
    // Only failures outside any route reach these: unknown paths, wrong methods, Javalin's own checks.
    app.exception(HttpResponseException.class, (e, ctx) -> owners.ownerOf(ctx.path()).renderError(ctx, e));
    app.exception(Exception.class, (e, ctx) -> owners.ownerOf(ctx.path()).renderError(ctx, e));
    for (HttpDialect dialect : dialects) {
      dialect.register(new DialectRoutes(app, dialect, authenticator, routes, timers));
    }
  }

  /** The dialects a standard server speaks: adding one is one line here. */
  static List<HttpDialect> standardDialects(ServerSettings settings, Services services, PrometheusMetrics metrics) {
    JobService jobs = services.jobs();
    LogStreams logStreams = new LogStreams(jobs);
    List<HttpDialect> dialects = new ArrayList<>(List.of(
        new NativeDialect(jobs, settings, logStreams, services.shellRuntime()),
        new ClusterDialect(services.cluster(), metrics, settings.maxRequestBytes()),
        new HadesDialect(jobs, settings, logStreams),
        new HadesLogManagerDialect(jobs),
        new SourcehutDialect(jobs, settings, services.sourcehut()),
        new WebUiDialect(),
        new OpenApiDialect()));
    if (services.schedules() != null) {
      dialects.add(new ScheduleDialect(services.schedules(), settings.maxRequestBytes()));
    }
    if (services.tokens() != null) {
      dialects.add(new TokenDialect(services.tokens(), settings.maxRequestBytes()));
    }
    if (services.users() != null) {
      dialects.add(new UserDialect(services.users(), settings.maxRequestBytes()));
    }
    if (services.definitions() != null) {
      dialects.add(new DefinitionDialect(services.definitions(), settings.maxRequestBytes()));
      dialects.add(new DaestroDialect(jobs, services.definitions(), services.cluster(), settings.maxRequestBytes()));
    }
    return dialects;
  }

  /** Every route the dialects added, in the order they added them: what the tests enumerate. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** Starts listening; returns this server. */
  public GantryServer start() {
    app.start(settings.bindAddress(), settings.port());
    log.debug("HTTP API listening on http://{}:{}", settings.bindAddress(), port()); // the caller logs the start-up line
    return this;
  }

  /** The port actually listened on (useful when the settings asked for port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    // Dialects may hold threads of their own (log streams, callbacks): they stop taking work first.
    for (HttpDialect dialect : dialects) {
      if (dialect instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.warn("stopping {} failed: {}", dialect.getClass().getSimpleName(), e.toString());
        }
      }
    }
    app.stop();
  }
}
