package dev.gantry.server.tork;

import dev.gantry.core.engine.JobStateException;
import dev.gantry.server.HttpError;
import dev.gantry.server.JsonResponses;
import io.javalin.http.Context;

/** The native dialect's errors: Tork's {@code {"message": ...}} bodies and wording. */
final class NativeErrors {

  private NativeErrors() {}

  static void render(Context ctx, Exception error) {
    HttpError answer = HttpError.of(ctx, error, NativeErrors::stateMessage);
    JsonResponses.write(ctx, answer.status(), new MessageView(answer.message()));
  }

  /** Tork's wording: clients match on these messages. */
  private static String stateMessage(JobStateException e) {
    return switch (e.action()) {
      case CANCEL -> "job is not running";
      case RESTART -> "job is " + TorkStates.of(e.state()) + " and can not be restarted";
      case START -> "job is " + TorkStates.of(e.state()) + " and can not be started";
    };
  }
}
