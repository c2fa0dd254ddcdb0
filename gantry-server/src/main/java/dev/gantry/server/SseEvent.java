package dev.gantry.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes one server-sent event. Data is written as given; callers pass JSON, which never contains
 * a raw line break, so an event's data is always one {@code data:} line.
 */
public final class SseEvent {

  /** A comment line: ignored by clients, but it keeps the connection busy. */
  public static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

  private SseEvent() {}

  /** {@code id} may be null: the client keeps the last id it saw. */
  public static void write(OutputStream out, String id, String event, String jsonData) throws IOException {
    StringBuilder text = new StringBuilder(jsonData.length() + 64);
    if (id != null) {
      text.append("id: ").append(id).append('\n');
    }
    text.append("event: ").append(event).append('\n').append("data: ").append(jsonData).append("\n\n");
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
