package dev.gantry.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import dev.gantry.core.job.LogPart.Stream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container's log as the engine keeps it, read as {@link LogMessage}s: the multiplexed stream
 * with timestamps, one frame per message. Read here rather than through docker-java, whose frame
 * reader hands a frame on in pieces of at most 1 KiB (and as short as a read returns), so a
 * message and its timestamp could not be told apart.
 */
final class EngineLog {

  private static final Logger log = LoggerFactory.getLogger(EngineLog.class);
  /** The largest frame believed: a corrupt length must not allocate gigabytes. */
  private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

  /** Where the messages of a follow stream go, on the stream's own thread. */
  interface Listener {
    void onMessage(LogMessage message);

    /** The stream ended (the container stopped and its log was sent) or broke. */
    void onEnd();
  }

  private final DockerHttpClient http;
  private final String containerId;

  EngineLog(DockerHttpClient http, String containerId) {
    this.http = http;
    this.containerId = containerId;
  }

  /**
   * Follows the log from its start on a thread of its own until the engine ends it or the
   * returned handle is closed; when the engine refuses, the listener is told at once that it ended.
   */
  AutoCloseable follow(Listener listener) {
    DockerHttpClient.Response response;
    try {
      response = open("follow=1&tail=all");
    } catch (RuntimeException e) {
      // E.g. a log driver the engine cannot read back: the task still runs, without its output.
      log.warn("cannot follow the output of container {}: {}", containerId, EngineErrors.reason(e));
      listener.onEnd();
      return () -> { };
    }
    Thread reader = new Thread(() -> {
      try (response) {
        read(response, listener::onMessage);
      } catch (IOException | RuntimeException e) {
        log.debug("following the log of container {} ended with {}", containerId, e.toString());
      } finally {
        listener.onEnd();
      }
    }, "gantry-log-" + containerId.substring(0, Math.min(12, containerId.length())));
    reader.setDaemon(true);
    reader.start();
    return response;
  }

  /** The log's last {@code count} messages (the engine reads them from the log's end); all for 0. */
  List<LogMessage> last(int count) {
    List<LogMessage> messages = new ArrayList<>();
    try (DockerHttpClient.Response response = open("tail=" + (count > 0 ? Integer.toString(count) : "all"))) {
      read(response, messages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return messages;
  }

  private DockerHttpClient.Response open(String query) {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder().method("GET")
        .path("/containers/" + containerId + "/logs?stdout=1&stderr=1&timestamps=1&" + query)
        .build();
    DockerHttpClient.Response response = http.execute(request);
    if (response.getStatusCode() != 200) {
      String body = errorText(response);
      throw new IllegalStateException("the engine answered " + response.getStatusCode() + " to the log read" + body);
    }
    return response;
  }

  private interface Sink {
    void accept(LogMessage message);
  }

  /** Frames: a byte for the stream, three zero bytes, the payload's length (big-endian), the payload. */
  private static void read(DockerHttpClient.Response response, Sink sink) throws IOException {
    InputStream body = response.getBody();
    byte[] header = new byte[8];
    while (readFully(body, header, true)) {
      Stream stream = switch (header[0]) {
        case 1 -> Stream.STDOUT;
        case 2 -> Stream.STDERR;
        default -> throw new IOException("not a multiplexed log stream (stream byte " + header[0] + ")");
      };
      int length = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      if (length < 0 || length > MAX_FRAME_BYTES) {
        // A log driver's messages are far smaller (json-file: 16 KiB); this is a broken stream, not output.
        throw new IOException("a log frame of " + Integer.toUnsignedString(length) + " bytes is not a log message");
      }
      byte[] payload = new byte[length];
      readFully(body, payload, false);
      sink.accept(LogMessage.of(stream, payload));
    }
  }

  /** False at a clean end before the first byte (when {@code endAllowed}). */
  private static boolean readFully(InputStream in, byte[] into, boolean endAllowed) throws IOException {
    int at = 0;
    while (at < into.length) {
      int n = in.read(into, at, into.length - at);
      if (n < 0) {
        if (at == 0 && endAllowed) {
          return false;
        }
        throw new EOFException("the log stream ended inside a frame");
      }
      at += n;
    }
    return true;
  }

  private static String errorText(DockerHttpClient.Response response) {
    try (response) {
      byte[] bytes = response.getBody().readNBytes(500);
      return bytes.length == 0 ? "" : ": " + new String(bytes, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
