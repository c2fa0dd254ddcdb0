package dev.gantry.server.hades;

import dev.gantry.core.job.LogPart;
import java.io.IOException;
import java.util.Locale;

/**
 * Turns one step's log parts into the log manager's messages, one per line. Gantry stores output
 * as it was printed, so a line printed slowly can span parts (`printf a; sleep 1; echo b`): its
 * pieces are joined while the parts are of the same stream, and the message carries the time of
 * its first piece. A line is cut at {@link #MAX_MESSAGE_CHARS}, as before output was kept as printed.
 */
final class HadesLineJoiner {

  static final int MAX_MESSAGE_CHARS = 256 * 1024;

  /** Where each message goes. */
  interface Messages {
    void message(String timestamp, String message, String outputStream) throws IOException;
  }

  private final Messages messages;
  private final StringBuilder open = new StringBuilder();
  private String openTimestamp;
  private String openStream;

  HadesLineJoiner(Messages messages) {
    this.messages = messages;
  }

  void add(LogPart part) throws IOException {
    String stream = part.stream().name().toLowerCase(Locale.ROOT);
    if (openStream != null && !openStream.equals(stream)) {
      finish();
    }
    String contents = part.contents();
    String timestamp = part.createdAt().toString();
    int start = 0;
    for (int end = contents.indexOf('\n'); end >= 0; end = contents.indexOf('\n', start)) {
      append(contents, start, end, timestamp, stream);
      finish();
      start = end + 1;
    }
    if (start < contents.length()) {
      append(contents, start, contents.length(), timestamp, stream);
      if (open.length() >= MAX_MESSAGE_CHARS) {
        finish();
      }
    }
  }

  /** The step's parts are all added: a last line without a newline is a message too. */
  void finish() throws IOException {
    if (openStream != null) {
      messages.message(openTimestamp, open.toString(), openStream);
      open.setLength(0);
      openStream = null;
      openTimestamp = null;
    }
  }

  private void append(String contents, int start, int end, String timestamp, String stream) {
    if (openStream == null) {
      openStream = stream;
      openTimestamp = timestamp;
    }
    open.append(contents, start, end);
  }
}
