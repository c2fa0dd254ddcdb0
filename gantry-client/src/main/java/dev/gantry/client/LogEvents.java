package dev.gantry.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads the native live log ({@code GET /jobs/{id}/log/stream} as server-sent events): each
 * {@code log} event's part goes to a consumer, the {@code end} event's job summary ends it. It
 * remembers the last part's id: where a reconnect resumes ({@code Last-Event-ID}).
 */
final class LogEvents {

  private long lastId;

  LogEvents(long afterId) {
    this.lastId = afterId;
  }

  /** The id of the last part read (or the one it started after). */
  long lastId() {
    return lastId;
  }

  /** Reads events until the end event, whose job summary it returns; null when the stream broke off first. */
  JobSummary read(BufferedReader in, Consumer<LogPart> onPart) throws IOException {
    String event = "message";
    StringBuilder data = new StringBuilder();
    String id = null;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isEmpty()) {
        if (data.length() > 0) {
          if (event.equals("end")) {
            return Transport.JSON.readValue(data.toString(), JobSummary.class);
          }
          if (event.equals("log")) {
            onPart.accept(Transport.JSON.readValue(data.toString(), LogPart.class));
            if (id != null) {
              lastId = Long.parseLong(id);
            }
          }
        }
        event = "message";
        data.setLength(0);
        id = null;
      } else if (line.startsWith("data:")) {
        data.append(data.length() > 0 ? "\n" : "").append(value(line));
      } else if (line.startsWith("event:")) {
        event = value(line);
      } else if (line.startsWith("id:")) {
        id = value(line);
      }
    }
    return null;
  }

  private static String value(String line) {
    String value = line.substring(line.indexOf(':') + 1);
    return value.startsWith(" ") ? value.substring(1) : value;
  }
}
