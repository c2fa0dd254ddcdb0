package dev.gantry.server.daestro;

import dev.gantry.core.engine.JobStateException;
import dev.gantry.server.HttpError;
import dev.gantry.server.JsonResponses;
import io.javalin.http.Context;

/** The Daestro dialect's errors: {@code {"ok": false, "message": "..."}}. */
final class DaestroErrors {

  record ErrorView(boolean ok, String message) {}

  private DaestroErrors() {}

  static void render(Context ctx, Exception error) {
    HttpError answer = HttpError.of(ctx, error, DaestroErrors::stateMessage);
    JsonResponses.write(ctx, answer.status(), new ErrorView(false, answer.message()));
  }

  /** Daestro cancels only queued or running jobs. */
  private static String stateMessage(JobStateException e) {
    return "job " + e.jobId() + " is " + DaestroStates.of(e.state()) + ": only a queued or running job can be cancelled";
  }
}
