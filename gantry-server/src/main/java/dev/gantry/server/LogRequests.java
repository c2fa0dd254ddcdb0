package dev.gantry.server;

import io.javalin.http.Context;

/** What a live log request asks for: server-sent events or plain text, and where to resume. */
public final class LogRequests {

  private LogRequests() {}

  /** Whether the client asked for server-sent events ({@code Accept: text/event-stream}). */
  public static boolean wantsEvents(Context ctx) {
    return accepts(ctx, "text/event-stream");
  }

  /** Whether the Accept header names {@code type} (parameters and quality values aside). */
  public static boolean accepts(Context ctx, String type) {
    String accept = ctx.header("Accept");
    if (accept == null) {
      return false;
    }
    for (String range : accept.split(",")) {
      if (range.split(";")[0].trim().equalsIgnoreCase(type)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The id of the last part the client has: the {@code Last-Event-ID} header of a reconnecting
   * event stream, else the {@code after} query parameter, else 0 (from the start).
   */
  public static long after(Context ctx) {
    String lastEventId = ctx.header("Last-Event-ID");
    String value = lastEventId != null && !lastEventId.isBlank() ? lastEventId : ctx.queryParam("after");
    if (value == null || value.isBlank()) {
      return 0;
    }
    if (!value.trim().matches("\\d{1,18}")) {
      String shown = value.length() > 20 ? value.substring(0, 20) + "..." : value;
      throw new RequestRejectedException(400, "the log position (after, Last-Event-ID) must be a part id, not '" + shown + "'");
    }
    return Long.parseLong(value.trim());
  }
}
