package dev.gantry.server;

import dev.gantry.core.auth.AccessDeniedException;
import dev.gantry.core.auth.InvalidAuthRequestException;
import dev.gantry.core.auth.SignInThrottledException;
import dev.gantry.core.auth.UnauthenticatedException;
import dev.gantry.core.engine.JobStateException;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.schedule.ScheduleStateException;
import dev.gantry.core.spec.InvalidJobException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import java.io.IOException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status and message a failure is answered with, the same in every dialect; a dialect only
 * chooses the shape of the body (and its wording for a job in the wrong state).
 */
public record HttpError(int status, String message) {

  private static final Logger log = LoggerFactory.getLogger(HttpError.class);
  /** The credentials a 401 asks for: a token, as Bearer or as a Basic password. */
  static final String CHALLENGE = "Bearer realm=\"gantry\", Basic realm=\"gantry\"";

  /**
   * Classifies {@code error}; a 405 also sets the {@code Allow} header on {@code ctx}, a 401 the
   * {@code WWW-Authenticate} header, a 429 the {@code Retry-After} header.
   */
  public static HttpError of(Context ctx, Exception error, Function<JobStateException, String> stateMessage) {
    if (error instanceof UnauthenticatedException e) {
      ctx.header("WWW-Authenticate", CHALLENGE);
      return new HttpError(401, e.getMessage());
    } else if (error instanceof SignInThrottledException e) {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      return new HttpError(429, e.getMessage());
    } else if (error instanceof AccessDeniedException e) {
      return new HttpError(403, e.getMessage());
    } else if (error instanceof dev.gantry.core.auth.UserExistsException e) {
      return new HttpError(409, e.getMessage());
    } else if (error instanceof InvalidAuthRequestException e) {
      return new HttpError(400, e.getMessage());
    } else if (error instanceof InvalidJobException e) {
      return new HttpError(400, e.getMessage());
    } else if (error instanceof NotFoundException e) {
      return new HttpError(404, e.getMessage());
    } else if (error instanceof dev.gantry.core.engine.NoKeptEnvironmentException e) {
      return new HttpError(409, e.getMessage());
    } else if (error instanceof JobStateException e) {
      return new HttpError(400, stateMessage.apply(e));
    } else if (error instanceof ScheduleStateException e) {
      return new HttpError(400, e.getMessage());
    } else if (error instanceof RequestRejectedException e) {
      return new HttpError(e.status(), e.getMessage());
    } else if (error instanceof EndpointNotFound) {
      return new HttpError(404, "no such endpoint: " + ctx.method() + " " + ctx.path());
    } else if (error instanceof MethodNotAllowedResponse e) {
      String allowed = e.getDetails().getOrDefault("availableMethods", "");
      ctx.header("Allow", allowed);
      return new HttpError(405, "method " + ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allowed);
    } else if (error instanceof HttpResponseException e) {
      // Javalin's own checks, e.g. its 413 for a declared Content-Length over the limit.
      return new HttpError(e.getStatus(), e.getMessage());
    } else if (error instanceof IOException) {
      // The client went away: mid-body, or while a streamed answer was under way (Jetty reports
      // the closed connection of a live log stream this way). Its doing, and nobody hears the answer.
      log.debug("{} {}: the connection ended: {}", ctx.method(), ctx.path(), error.toString());
      return new HttpError(400, "the connection ended before the exchange did");
    }
    log.error("unexpected error serving {} {}", ctx.method(), ctx.path(), error);
    return new HttpError(500, "internal server error");
  }
}
