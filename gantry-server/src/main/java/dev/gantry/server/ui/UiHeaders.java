package dev.gantry.server.ui;

import io.javalin.http.Context;

/**
 * The headers every web UI response carries: a strict Content-Security-Policy (scripts, styles and
 * requests only from this server, no inline script, no framing), nosniff and no referrer.
 */
final class UiHeaders {

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none';"
      + " frame-ancestors 'none'";

  private UiHeaders() {}

  static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    // The files change with a release: a browser asks again (cheap, they are small) rather than run an old UI.
    ctx.header("Cache-Control", "no-cache");
  }
}
