package dev.gantry.server.tork;

import dev.gantry.core.definition.DefinitionNames;
import dev.gantry.core.definition.DefinitionService;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.RequestBody;
import io.javalin.http.Context;
import java.util.List;

/**
 * The native API's {@code /definitions}: versioned job definitions (Daestro's), in the native
 * dialect's shapes and error bodies. Each {@code POST} stores the next version of its name.
 */
public final class DefinitionDialect implements HttpDialect {

  private static final String KIND = "job definition";

  private final DefinitionService definitions;
  private final long maxRequestBytes;

  public DefinitionDialect(DefinitionService definitions, long maxRequestBytes) {
    this.definitions = definitions;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/definitions");
  }

  @Override
  public void register(DialectRoutes routes) {
    routes
        .post("/definitions", this::create)
        .get("/definitions", this::list)
        .get("/definitions/{name}", this::versions)
        .get("/definitions/{name}/{version}", this::version);
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    NativeErrors.render(ctx, error);
  }

  private void create(Context ctx) {
    Format format = JobDocumentTypes.of(ctx.header("Content-Type"));
    var draft = DefinitionReader.read(RequestBody.utf8(ctx, maxRequestBytes), format);
    JsonResponses.write(ctx, 201, DefinitionView.of(definitions.create(Callers.of(ctx), draft)));
  }

  private void list(Context ctx) {
    JsonResponses.write(ctx, 200, definitions.list(Callers.of(ctx)).stream().map(DefinitionView::of).toList());
  }

  private void versions(Context ctx) {
    JsonResponses.write(ctx, 200, definitions.versions(Callers.of(ctx), name(ctx)).stream().map(DefinitionView::of).toList());
  }

  private void version(Context ctx) {
    String version = ctx.pathParam("version");
    if (!version.matches("[1-9][0-9]{0,8}")) {
      throw new NotFoundException(KIND, Echo.of(ctx.pathParam("name")) + ":" + Echo.of(version));
    }
    JsonResponses.write(ctx, 200, DefinitionView.of(definitions.version(Callers.of(ctx), name(ctx), Integer.parseInt(version))));
  }

  /** A name no definition can have is not found, as an unknown one. */
  private static String name(Context ctx) {
    String name = ctx.pathParam("name");
    if (!DefinitionNames.isWellFormed(name)) {
      throw new NotFoundException(KIND, Echo.of(name));
    }
    return name;
  }
}
