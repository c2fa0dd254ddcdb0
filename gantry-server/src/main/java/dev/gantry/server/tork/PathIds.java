package dev.gantry.server.tork;

import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.spec.Echo;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * Ids taken from the path. One that no Gantry id could look like is answered 404 at once,
 * without a store lookup, and is not echoed back in full.
 */
final class PathIds {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private PathIds() {}

  static String id(Context ctx, String kind) {
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) {
      throw new NotFoundException(kind, Echo.of(id));
    }
    return id;
  }
}
