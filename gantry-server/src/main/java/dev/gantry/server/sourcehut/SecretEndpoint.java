package dev.gantry.server.sourcehut;

import dev.gantry.core.engine.UserSecrets;
import dev.gantry.core.job.UserSecret;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.MediaType;
import dev.gantry.server.RequestBody;
import dev.gantry.server.RequestRejectedException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /secrets}: stores one of the caller's secrets (a manifest names it), answers its uuid, never its value. */
final class SecretEndpoint {

  private final UserSecrets userSecrets;
  private final long maxRequestBytes;

  SecretEndpoint(UserSecrets userSecrets, long maxRequestBytes) {
    this.userSecrets = userSecrets;
    this.maxRequestBytes = maxRequestBytes;
  }

  void register(DialectRoutes routes) {
    routes.post("/secrets", this::store);
  }

  private void store(Context ctx) {
    MediaType type = MediaType.parse(ctx.header("Content-Type"));
    if (type != null && (!type.type().equals("application/json") || !type.isUtf8())) {
      throw new RequestRejectedException(415, "send the secret as UTF-8 JSON (Content-Type: application/json)");
    }
    SecretKinds.Request request = SecretKinds.read(RequestBody.utf8(ctx, maxRequestBytes));
    UserSecret stored = userSecrets.store(Callers.of(ctx), request.name(), request.kind(), request.value(), request.path(),
        request.mode());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("uuid", stored.id());
    answer.put("name", stored.name());
    answer.put("type", stored.kind());
    answer.put("created", SourcehutDates.format(stored.createdAt()));
    JsonResponses.write(ctx, 200, answer);
  }
}
