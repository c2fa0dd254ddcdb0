package dev.gantry.server;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;

/**
 * Refuses state-changing requests that a browser sends on behalf of another site (a form or a
 * script on a page elsewhere posting to a Gantry on loopback with authentication off). Browsers
 * say where such a request comes from ({@code Sec-Fetch-Site}, {@code Origin}); a request from the
 * web UI comes from this server's own origin, and clients that are not browsers (curl, the CLI,
 * Hades) send neither header, so they are not concerned. Bearer tokens are safe by themselves (a
 * cross-site form cannot set the header), but a check in one place covers auth off too.
 */
final class CrossSiteRequests {

  private CrossSiteRequests() {}

  /** Throws a 403 when {@code ctx} changes state and a browser says it comes from another origin. */
  static void check(Context ctx) {
    String method = ctx.method().name();
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return;
    }
    checkFromOwnOrigin(ctx);
  }

  /**
   * Throws a 403 when a browser says {@code ctx} comes from another origin, whatever its method:
   * for a WebSocket's upgrade, a GET that browsers send cross-site without any same-origin rule
   * (a page elsewhere could otherwise open a shell in a build with the browser's credentials).
   */
  static void checkFromOwnOrigin(Context ctx) {
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
      throw refused("Sec-Fetch-Site: " + site);
    }
    String origin = ctx.header("Origin");
    if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
      throw refused("Origin " + origin);
    }
  }

  /**
   * Whether {@code origin} ({@code http://host:port}) names the host and port the request was sent
   * to. The scheme is not compared: behind a TLS proxy the page is https and the request reaching
   * Gantry is not, and the same host is the same machine either way.
   */
  private static boolean sameOrigin(String origin, String host) {
    if (host == null || origin.equals("null")) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      if (uri.getHost() == null) {
        return false;
      }
      String authority = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
      return authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static RequestRejectedException refused(String from) {
    return new RequestRejectedException(403, "cross-site request refused (" + from
        + "): state-changing requests from a browser must come from this server's own pages");
  }
}
