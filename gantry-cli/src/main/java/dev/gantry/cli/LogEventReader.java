package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads the native live log ({@code GET /jobs/{id}/log/stream} as server-sent events): each
 * {@code log} event's part goes to a consumer, the {@code end} event's job summary ends it.
 */
final class LogEventReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private long lastId;

  LogEventReader(long afterId) {
    this.lastId = afterId;
  }

  /** The id of the last part read: where a reconnect resumes. */
  long lastId() {
    return lastId;
  }

  /** Reads events until the end event, whose job summary it returns; null when the stream broke off first. */
  JsonNode read(BufferedReader in, Consumer<JsonNode> onPart) throws IOException {
    String event = "message";
    StringBuilder data = new StringBuilder();
    String id = null;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isEmpty()) {
        if (data.length() > 0) {
          JsonNode payload = JSON.readTree(data.toString());
          if (event.equals("end")) {
            return payload;
          }
          if (event.equals("log")) {
            onPart.accept(payload);
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
