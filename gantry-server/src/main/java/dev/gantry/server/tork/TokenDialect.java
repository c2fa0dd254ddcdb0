package dev.gantry.server.tork;

import dev.gantry.core.auth.IssuedToken;
import dev.gantry.core.auth.TokenService;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.RequestBody;
import io.javalin.http.Context;
import java.util.List;

/**
 * Token management at {@code /auth/tokens}: make one (its secret is in this answer only), list
 * them (never their secrets), revoke one. Part of the native API, so its errors are {@code {"message"}}.
 */
public final class TokenDialect implements HttpDialect {


  private final TokenService tokens;
  private final long maxRequestBytes;

  public TokenDialect(TokenService tokens, long maxRequestBytes) {
    this.tokens = tokens;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/auth");
  }

  @Override
  public void register(DialectRoutes routes) {
    routes
        .post("/auth/tokens", this::create)
        .get("/auth/tokens", this::list)
        .delete("/auth/tokens/{id}", this::revoke);
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    NativeErrors.render(ctx, error);
  }

  private void create(Context ctx) {
    IssuedToken issued = tokens.create(Callers.of(ctx), TokenRequestReader.read(RequestBody.utf8(ctx, maxRequestBytes)));
    ctx.header("Cache-Control", "no-store"); // the secret must not linger in a cache
    JsonResponses.write(ctx, 201, TokenView.issued(issued));
  }

  private void list(Context ctx) {
    JsonResponses.write(ctx, 200, tokens.tokens(Callers.of(ctx)).stream().map(TokenView::of).toList());
  }

  private void revoke(Context ctx) {
    String id = PathIds.id(ctx, "token");
    tokens.revoke(Callers.of(ctx), id);
    JsonResponses.write(ctx, 200, StatusView.OK);
  }
}
