package dev.gantry.server.tork;

import dev.gantry.core.engine.JobStateException;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.RequestRejectedException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The native dialect's one mapping from exceptions to statuses: Tork's {@code {"message": ...}} bodies. */
final class NativeErrors {

  private static final Logger log = LoggerFactory.getLogger(NativeErrors.class);

  private NativeErrors() {}

  static void render(Context ctx, Exception error) {
    int status;
    String message;
    if (error instanceof InvalidJobException e) {
      status = 400;
      message = e.getMessage();
    } else if (error instanceof NotFoundException e) {
      status = 404;
      message = e.getMessage();
    } else if (error instanceof JobStateException e) {
      status = 400;
      message = stateMessage(e);
    } else if (error instanceof RequestRejectedException e) {
      status = e.status();
      message = e.getMessage();
    } else if (error instanceof EndpointNotFound) {
      status = 404;
      message = "no such endpoint: " + ctx.method() + " " + ctx.path();
    } else if (error instanceof MethodNotAllowedResponse e) {
      String allowed = e.getDetails().getOrDefault("availableMethods", "");
      ctx.header("Allow", allowed);
      status = 405;
      message = "method " + ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allowed;
    } else if (error instanceof HttpResponseException e) {
      // Javalin's own checks, e.g. its 413 for a declared Content-Length over the limit.
      status = e.getStatus();
      message = e.getMessage();
    } else {
      log.error("unexpected error serving {} {}", ctx.method(), ctx.path(), error);
      status = 500;
      message = "internal server error";
    }
    JsonResponses.write(ctx, status, new MessageView(message));
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
