package dev.gantry.server;

import io.javalin.Javalin;
import io.javalin.http.Handler;

/**
 * Adds one dialect's routes to the server. Every handler is wrapped so that whatever it throws is
 * rendered by that dialect, never by another one or by Javalin's defaults.
 */
public final class DialectRoutes {

  private final Javalin app;
  private final HttpDialect dialect;

  DialectRoutes(Javalin app, HttpDialect dialect) {
    this.app = app;
    this.dialect = dialect;
  }

  public DialectRoutes get(String path, Handler handler) {
    app.get(path, guarded(handler));
    return this;
  }

  public DialectRoutes post(String path, Handler handler) {
    app.post(path, guarded(handler));
    return this;
  }

  public DialectRoutes put(String path, Handler handler) {
    app.put(path, guarded(handler));
    return this;
  }

  public DialectRoutes delete(String path, Handler handler) {
    app.delete(path, guarded(handler));
    return this;
  }

  private Handler guarded(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (Exception e) {
        dialect.renderError(ctx, e);
      }
    };
  }
}
