package dev.gantry.server;

import dev.gantry.server.metrics.RouteTimers;
import io.javalin.Javalin;
import io.javalin.http.Handler;

/**
 * Adds one dialect's routes to the server. Every handler is wrapped so that whatever it throws is
 * rendered by that dialect, never by another one or by Javalin's defaults, and timed under the
 * route's template.
 */
public final class DialectRoutes {

  private final Javalin app;
  private final HttpDialect dialect;
  private final RouteTimers timers;

  DialectRoutes(Javalin app, HttpDialect dialect, RouteTimers timers) {
    this.app = app;
    this.dialect = dialect;
    this.timers = timers;
  }

  public DialectRoutes get(String path, Handler handler) {
    app.get(path, guarded("GET", path, handler));
    return this;
  }

  public DialectRoutes post(String path, Handler handler) {
    app.post(path, guarded("POST", path, handler));
    return this;
  }

  public DialectRoutes put(String path, Handler handler) {
    app.put(path, guarded("PUT", path, handler));
    return this;
  }

  public DialectRoutes delete(String path, Handler handler) {
    app.delete(path, guarded("DELETE", path, handler));
    return this;
  }

  private Handler guarded(String method, String path, Handler handler) {
    RouteTimers.Route timer = timers.route(method, path);
    return ctx -> {
      long start = System.nanoTime();
      try {
        handler.handle(ctx);
      } catch (Exception e) {
        dialect.renderError(ctx, e);
      } finally {
        timer.record(ctx.statusCode(), System.nanoTime() - start);
      }
    };
  }
}
