package dev.gantry.server;

import dev.gantry.core.auth.Principal;
import io.javalin.http.Context;

/** The authenticated caller of a request, as {@link DialectRoutes} found it before the handler ran. */
public final class Callers {

  static final String ATTRIBUTE = "gantry.caller";

  private Callers() {}

  /** The request's caller; an open route (one that authenticates nobody) has none to ask for. */
  public static Principal of(Context ctx) {
    Principal caller = ctx.attribute(ATTRIBUTE);
    if (caller == null) {
      throw new IllegalStateException("no caller on " + ctx.method() + " " + ctx.path() + ": the route is open");
    }
    return caller;
  }
}
