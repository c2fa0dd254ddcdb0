package dev.gantry.server.tork;

import dev.gantry.core.engine.Ids;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.spec.Echo;
import io.javalin.http.Context;

/**
 * Ids taken from the path. One that no Gantry id could look like is answered 404 at once,
 * without a store lookup, and is not echoed back in full.
 */
final class PathIds {

  private PathIds() {}

  static String id(Context ctx, String kind) {
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id)) {
      throw new NotFoundException(kind, Echo.of(id));
    }
    return id;
  }
}
