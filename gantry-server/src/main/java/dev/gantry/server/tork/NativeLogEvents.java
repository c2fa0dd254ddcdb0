package dev.gantry.server.tork;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.LogPart;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.LogFormat;
import dev.gantry.server.SseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The native live log as server-sent events: a {@code log} event per part (its id is the
 * event id, so a client that reconnects with {@code Last-Event-ID} resumes after it), then one
 * {@code end} event with the job's summary.
 */
final class NativeLogEvents implements LogFormat {

  static final NativeLogEvents INSTANCE = new NativeLogEvents();

  @Override
  public String contentType() {
    return "text/event-stream; charset=utf-8";
  }

  @Override
  public void part(LogPart part, OutputStream out) throws IOException {
    SseEvent.write(out, Long.toString(part.id()), "log", json(LogPartView.of(part)));
  }

  @Override
  public void end(Job job, OutputStream out) throws IOException {
    SseEvent.write(out, null, "end", json(JobSummaryView.of(job)));
  }

  @Override
  public byte[] keepAlive() {
    return SseEvent.KEEP_ALIVE;
  }

  private static String json(Object view) {
    return new String(JsonResponses.bytes(view), StandardCharsets.UTF_8);
  }
}
