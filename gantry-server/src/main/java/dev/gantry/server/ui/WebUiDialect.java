package dev.gantry.server.ui;

import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.HttpError;
import io.javalin.http.Context;
import java.util.List;

/**
 * The built-in web UI at {@code /ui}: static files from the jar, open to anyone (they hold no
 * data), each listed here so that nothing else can be asked for. Every piece of data the pages
 * show comes from the native API, through its authentication, with the token the person signed
 * in with.
 */
public final class WebUiDialect implements HttpDialect {

  /** The UI's files; {@code index.html} is also served at {@code /ui}. */
  static final List<String> FILES = List.of("index.html", "style.css", "favicon.svg", "app.js", "api.js", "dom.js",
      "format.js", "ansi.js", "sse.js", "jobs-page.js", "job-page.js", "log-view.js", "submit-page.js",
      "scheduled-page.js", "cluster-pages.js", "definitions-page.js", "signin-page.js");

  private final List<UiAsset> assets = FILES.stream().map(UiAsset::load).toList();

  @Override
  public List<String> pathPrefixes() {
    return List.of("/ui");
  }

  @Override
  public void register(DialectRoutes routes) {
    DialectRoutes open = routes.open();
    open.get("/", ctx -> ctx.redirect("/ui"));
    // Javalin ignores a trailing slash: /ui/ is this page too (its files are named from the root, so both work).
    UiAsset index = assets.get(0);
    open.get("/ui", ctx -> serve(ctx, index));
    for (UiAsset asset : assets) {
      open.get("/ui/" + asset.name(), ctx -> serve(ctx, asset));
    }
  }

  private static void serve(Context ctx, UiAsset asset) {
    UiHeaders.apply(ctx);
    ctx.status(200).contentType(asset.contentType()).result(asset.bytes());
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    HttpError answer = HttpError.of(ctx, error, e -> e.getMessage());
    UiHeaders.apply(ctx);
    ctx.status(answer.status()).contentType("text/plain; charset=utf-8").result(answer.message() + "\n");
  }
}
