package dev.gantry.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;

/** Turns docker-java's exceptions into one line a user can read: no class names of ours, no stack traces. */
final class EngineErrors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_CHARS = 300;

  private final String dockerHost;

  EngineErrors(String dockerHost) {
    this.dockerHost = dockerHost;
  }

  /** True when the engine could not be reached at all (no socket, refused, reset), not when it said no. */
  static boolean isUnreachable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DockerException) {
        return false;
      }
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  String unreachable(Throwable error) {
    return "Docker engine unreachable at " + dockerHost + ": " + reason(error);
  }

  /** The whole message for an unexpected failure of {@code doing} (e.g. "creating the container"). */
  String describe(String doing, Throwable error) {
    return isUnreachable(error) ? unreachable(error) : doing + " failed: " + reason(error);
  }

  /** The short reason: the engine's own message, else the innermost cause's message. */
  static String reason(Throwable error) {
    Throwable root = error;
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DockerException docker) {
        return oneLine(engineMessage(docker));
      }
      root = t;
    }
    String message = root.getMessage();
    return oneLine(message == null || message.isBlank() ? root.getClass().getSimpleName() : message);
  }

  /** docker-java puts the engine's JSON body in the message: "Status 404: {"message":"..."}". */
  private static String engineMessage(DockerException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int brace = message.indexOf('{');
    if (brace >= 0) {
      try {
        JsonNode body = JSON.readTree(message.substring(brace));
        if (body.hasNonNull("message")) {
          return body.get("message").asText();
        }
      } catch (IOException | RuntimeException notJson) {
        // fall through to the raw message
      }
    }
    return message.isBlank() ? "HTTP status " + e.getHttpStatus() : message;
  }

  static String oneLine(String text) {
    String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS) + "...";
  }
}
