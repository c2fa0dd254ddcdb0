package dev.gantry.server.sourcehut;

import dev.gantry.core.auth.AccessDeniedException;
import dev.gantry.core.engine.JobStateException;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.server.HttpError;
import dev.gantry.server.JsonResponses;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The builds.sr.ht dialect's errors: {@code {"errors": [{"field", "reason"}]}}, with sourcehut's wording. */
final class SourcehutErrors {

  private SourcehutErrors() {}

  static void render(Context ctx, Exception error) {
    HttpError answer = HttpError.of(ctx, error, SourcehutErrors::stateMessage);
    String field = error instanceof InvalidJobException e && e.field() != null && !e.field().isEmpty() ? e.field() : null;
    String reason = switch (answer.status()) {
      case 401 -> ctx.header("Authorization") == null || ctx.header("Authorization").isBlank()
          ? "No authorization supplied (expected an OAuth token)" : "Invalid or expired OAuth token";
      case 403 -> error instanceof AccessDeniedException e && e.needed() != null
          ? "Your OAuth token is not permitted to use this endpoint (needs " + e.needed().wireName() + ")" : answer.message();
      case 404 -> "404 not found";
      default -> field != null ? reasonOf((InvalidJobException) error) : answer.message();
    };
    Map<String, String> entry = new LinkedHashMap<>();
    if (field != null) {
      entry.put("field", field);
    }
    entry.put("reason", reason);
    JsonResponses.write(ctx, answer.status(), Map.of("errors", List.of(entry)));
  }

  /** The reason without the field's name in front: the field has its own key. */
  private static String reasonOf(InvalidJobException e) {
    String prefix = e.field() + ": ";
    return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
  }

  private static String stateMessage(JobStateException e) {
    return switch (e.state()) {
      case HELD -> "This job is pending";
      case SCHEDULED, QUEUED -> "This job is already queued";
      case RUNNING -> "This job is already running";
      default -> "This job is already complete";
    };
  }
}
