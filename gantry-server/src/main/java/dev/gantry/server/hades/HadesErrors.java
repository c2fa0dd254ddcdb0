package dev.gantry.server.hades;

import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.server.RequestRejectedException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Hades dialect's one mapping from exceptions to statuses: plain-text messages, as Hades answers. */
final class HadesErrors {

  private static final Logger log = LoggerFactory.getLogger(HadesErrors.class);

  private HadesErrors() {}

  static void render(Context ctx, Exception error) {
    int status;
    String message;
    if (error instanceof InvalidJobException e) {
      status = 400;
      message = e.getMessage();
    } else if (error instanceof NotFoundException e) {
      status = 404;
      message = e.getMessage();
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
      status = e.getStatus();
      message = e.getMessage();
    } else {
      log.error("unexpected error serving {} {}", ctx.method(), ctx.path(), error);
      status = 500;
      message = "internal server error";
    }
    ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
  }
}
