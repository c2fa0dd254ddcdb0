package dev.gantry.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of the native API, its cluster, queue,
 * scheduled-job and token endpoints (a file in the jar, checked against real answers by
 * OpenApiConformanceTest). Open to anyone, as the README is: it holds no data.
 */
public final class OpenApiDialect implements HttpDialect {

  static final String RESOURCE = "/dev/gantry/server/openapi.json";

  private final byte[] document = read();

  private static byte[] read() {
    try (InputStream in = OpenApiDialect.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/openapi.json");
  }

  @Override
  public void register(DialectRoutes routes) {
    routes.open().get("/openapi.json", this::serve);
  }

  private void serve(Context ctx) {
    ctx.status(200).contentType("application/json").header("X-Content-Type-Options", "nosniff").result(document);
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    HttpError answer = HttpError.of(ctx, error, e -> e.getMessage());
    JsonResponses.write(ctx, answer.status(), Map.of("message", answer.message()));
  }
}
