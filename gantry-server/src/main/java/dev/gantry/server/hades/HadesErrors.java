package dev.gantry.server.hades;

import dev.gantry.core.engine.JobStateException;
import dev.gantry.server.HttpError;
import io.javalin.http.Context;

/** The Hades dialect's errors: plain-text messages, as Hades answers. */
final class HadesErrors {

  private HadesErrors() {}

  static void render(Context ctx, Exception error) {
    HttpError answer = HttpError.of(ctx, error, JobStateException::getMessage);
    ctx.status(answer.status()).contentType("text/plain; charset=utf-8").result(answer.message() + "\n");
  }
}
