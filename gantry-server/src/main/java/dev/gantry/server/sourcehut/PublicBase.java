package dev.gantry.server.sourcehut;

import io.javalin.http.Context;
import java.net.URI;

/** Where clients reach this server, the base of every URL a sourcehut answer holds: --public-url, else the request's address. */
record PublicBase(URI configured) {

  String of(Context ctx) {
    if (configured != null) {
      return configured.toString().replaceAll("/+$", "");
    }
    return ctx.scheme() + "://" + ctx.host();
  }
}
