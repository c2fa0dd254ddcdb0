package dev.gantry.server;

import io.javalin.http.Context;
import java.util.List;

/**
 * One HTTP API spoken by the server (native/Tork, Hades, sourcehut, Daestro): its routes and the
 * one place where its errors are turned into responses. A new dialect is a class implementing
 * this plus one line in {@link GantryServer#standardDialects}.
 */
public interface HttpDialect {

  /**
   * The paths this dialect owns, e.g. {@code /build}, or {@code /} for the native API. A request
   * that matches no route (404, 405) is answered by the owner of its longest matching prefix.
   */
  List<String> pathPrefixes();

  /** Adds the dialect's routes; errors thrown by its handlers reach only its own {@link #renderError}. */
  void register(DialectRoutes routes);

  /** Answers a failed request: maps the exception to a status and writes the body in this dialect's format. */
  void renderError(Context ctx, Exception error);
}
