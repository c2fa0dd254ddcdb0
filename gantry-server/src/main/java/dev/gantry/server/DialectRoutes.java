package dev.gantry.server;

import dev.gantry.server.metrics.RouteTimers;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.websocket.WsConfig;
import java.util.function.Consumer;
import java.util.List;

/**
 * Adds one dialect's routes to the server. Every handler is wrapped so that the caller is
 * authenticated first (unless the route is {@link #open()}), whatever it throws is rendered by
 * that dialect, never by another one or by Javalin's defaults, and it is timed under the route's
 * template (a 401 included). A state-changing request a browser sends from another site is
 * refused first ({@link CrossSiteRequests}).
 */
public final class DialectRoutes {

  private final Javalin app;
  private final HttpDialect dialect;
  private final Authenticator authenticator;
  private final List<Route> table;
  private final RouteTimers timers;
  private final boolean open;

  DialectRoutes(Javalin app, HttpDialect dialect, Authenticator authenticator, List<Route> table, RouteTimers timers) {
    this(app, dialect, authenticator, table, timers, false);
  }

  private DialectRoutes(Javalin app, HttpDialect dialect, Authenticator authenticator, List<Route> table,
      RouteTimers timers, boolean open) {
    this.app = app;
    this.dialect = dialect;
    this.authenticator = authenticator;
    this.table = table;
    this.timers = timers;
    this.open = open;
  }

  /** Routes added through the answer need no credential ({@code /health}, {@code /ping}). */
  public DialectRoutes open() {
    return new DialectRoutes(app, dialect, authenticator, table, timers, true);
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

  /**
   * A WebSocket at {@code path}: {@code check} runs before the upgrade, guarded as every route (the
   * caller authenticated, a failure rendered by this dialect as an HTTP answer, and no upgrade then)
   * and refused when a browser says it comes from another site, as a state-changing request is;
   * a GET without the upgrade goes to {@code plainGet}.
   */
  public DialectRoutes webSocket(String path, Handler check, Handler plainGet, Consumer<WsConfig> socket) {
    Handler guardedCheck = wrapped("GET", path, ctx -> {
      CrossSiteRequests.checkFromOwnOrigin(ctx);
      check.handle(ctx);
    });
    // Its answer is in the response already: nothing more to render.
    app.exception(UpgradeRefused.class, (refused, ctx) -> {});
    app.wsBeforeUpgrade(path, ctx -> {
      guardedCheck.handle(ctx);
      if (ctx.statusCode() >= 300) {
        // Refused: the answer goes out now (Javalin writes no result on this path), and since Javalin
        // upgrades unless a before-upgrade handler throws, this one throws.
        ctx.res().setStatus(ctx.statusCode());
        try (java.io.InputStream body = ctx.resultInputStream()) {
          if (body != null) {
            ctx.res().getOutputStream().write(body.readAllBytes());
          }
        }
        throw new UpgradeRefused(ctx.statusCode());
      }
    });
    app.ws(path, socket);
    return get(path, plainGet);
  }

  /** Stops an upgrade whose answer (an error, rendered by the dialect) is already in the response. */
  static final class UpgradeRefused extends RuntimeException {
    UpgradeRefused(int status) {
      super("upgrade refused with " + status, null, false, false);
    }
  }

  private Handler guarded(String method, String path, Handler handler) {
    table.add(new Route(method, path, open));
    return wrapped(method, path, handler);
  }

  private Handler wrapped(String method, String path, Handler handler) {
    RouteTimers.Route timer = timers.route(method, path);
    return ctx -> {
      long start = System.nanoTime();
      try {
        CrossSiteRequests.check(ctx);
        if (!open) {
          ctx.attribute(Callers.ATTRIBUTE, authenticator.authenticate(ctx.header("Authorization"), ctx.ip()));
        }
        handler.handle(ctx);
      } catch (Exception e) {
        dialect.renderError(ctx, e);
      } finally {
        timer.record(ctx.statusCode(), System.nanoTime() - start);
      }
    };
  }
}
