package dev.gantry.server.hades;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.LogPart;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.LogFormat;
import dev.gantry.server.SseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Hades live log as server-sent events: a {@code log} event per line with the log manager's
 * line fields plus the {@code container_id}, then an {@code end} event with the job's status. The
 * last line of each part carries the part's id as the event id, so a client that reconnects with
 * {@code Last-Event-ID} resumes after the last whole part it got.
 */
final class HadesLogEvents implements LogFormat {

  static final HadesLogEvents INSTANCE = new HadesLogEvents();

  /** One line, as the log manager writes it, and the step container it came from. */
  record LineView(@JsonProperty("container_id") String containerId, String timestamp, String message,
      @JsonProperty("output_stream") String outputStream) {}

  @Override
  public String contentType() {
    return "text/event-stream; charset=utf-8";
  }

  @Override
  public void part(LogPart part, OutputStream out) throws IOException {
    HadesLogLines lines = HadesLogLines.of(part);
    List<String> messages = lines.messages();
    for (int i = 0; i < messages.size(); i++) {
      String id = i == messages.size() - 1 ? Long.toString(part.id()) : null;
      SseEvent.write(out, id, "log",
          json(new LineView(part.runId(), lines.timestamp(), messages.get(i), lines.outputStream())));
    }
  }

  @Override
  public void end(Job job, OutputStream out) throws IOException {
    SseEvent.write(out, null, "end", json(new HadesStatusView(job.id(), HadesStates.of(job.state()))));
  }

  @Override
  public byte[] keepAlive() {
    return SseEvent.KEEP_ALIVE;
  }

  private static String json(Object value) {
    return new String(JsonResponses.bytes(value), StandardCharsets.UTF_8);
  }
}
