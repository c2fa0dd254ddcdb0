package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The native API seen from the command line: one method per call, errors as {@link ClientException}. */
final class GantryClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI server;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** {@code token}: sent as {@code Authorization: Bearer} with every call; null or blank: none. */
  GantryClient(String server, String token) {
    this.server = URI.create(server.endsWith("/") ? server : server + "/");
    this.token = token == null || token.isBlank() ? null : token.strip();
  }

  GantryClient(String server) {
    this(server, null);
  }

  JsonNode submit(String body, String contentType) {
    return send(HttpRequest.newBuilder(resolve("jobs")).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  JsonNode job(String id) {
    return send(HttpRequest.newBuilder(resolve("jobs/" + encode(id))).GET());
  }

  JsonNode jobs(String query, int page, int size) {
    String q = query == null ? "" : "&q=" + encode(query);
    return send(HttpRequest.newBuilder(resolve("jobs?page=" + page + "&size=" + size + q)).GET());
  }

  JsonNode log(String jobId, int page, int size) {
    return send(HttpRequest.newBuilder(resolve("jobs/" + encode(jobId) + "/log?page=" + page + "&size=" + size)).GET());
  }

  /** The id of the newest part of the job's output stored now; 0 when there is none. */
  long newestPartId(String jobId) {
    return log(jobId, 1, 1).path("items").path(0).path("id").asLong(0);
  }

  /**
   * Follows the job's output live from the part after {@code reader}'s last one, handing each
   * part to {@code onPart}, until the job ends: returns the job's summary then, or null when the
   * connection broke off before (the reader knows where to resume).
   *
   * @throws ServerUnavailable when Gantry does not answer or answers 5xx: it may be restarting
   */
  JsonNode followLog(String jobId, LogEventReader reader, Consumer<JsonNode> onPart) {
    HttpRequest request = authorized(HttpRequest.newBuilder(resolve("jobs/" + encode(jobId) + "/log/stream"))
        .header("Accept", "text/event-stream").header("Last-Event-ID", Long.toString(reader.lastId())))
        .timeout(Duration.ofSeconds(30)).GET().build();
    try {
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        if (response.statusCode() >= 400) {
          String body = in.lines().collect(Collectors.joining("\n"));
          String message = messageOf(body) + " (HTTP " + response.statusCode() + ")" + hint(response.statusCode());
          throw response.statusCode() >= 500 ? new ServerUnavailable(message) : new ClientException(message);
        }
        return reader.read(in, onPart);
      }
    } catch (ConnectException e) {
      throw new ServerUnavailable(unreachable());
    } catch (IOException e) {
      return null; // broke off: the caller may resume
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("interrupted");
    }
  }

  /** Where this client sends its calls. */
  URI server() {
    return server;
  }

  void cancel(String id) {
    send(HttpRequest.newBuilder(resolve("jobs/" + encode(id) + "/cancel")).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  void restart(String id) {
    send(HttpRequest.newBuilder(resolve("jobs/" + encode(id) + "/restart")).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  JsonNode createToken(String body) {
    return send(HttpRequest.newBuilder(resolve("auth/tokens")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  JsonNode tokens() {
    return send(HttpRequest.newBuilder(resolve("auth/tokens")).GET());
  }

  void revokeToken(String id) {
    send(HttpRequest.newBuilder(resolve("auth/tokens/" + encode(id))).DELETE());
  }

  JsonNode createDefinition(String body, String contentType) {
    return send(HttpRequest.newBuilder(resolve("definitions")).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  JsonNode definitions() {
    return send(HttpRequest.newBuilder(resolve("definitions")).GET());
  }

  JsonNode queues() {
    return send(HttpRequest.newBuilder(resolve("queues")).GET());
  }

  JsonNode setQueue(String name, String body) {
    return send(HttpRequest.newBuilder(resolve("queues/" + encode(name))).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private String hint(int status) {
    return status != 401 ? "" : token == null ? "; give a token with --token or GANTRY_TOKEN" : "; check --token (GANTRY_TOKEN)";
  }

  private URI resolve(String path) {
    return server.resolve(path);
  }

  private JsonNode send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(authorized(request).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
      if (response.statusCode() >= 400) {
        String message = body.path("message").asText(response.body());
        throw new ClientException(message + " (HTTP " + response.statusCode() + ")" + hint(response.statusCode()));
      }
      return body;
    } catch (ConnectException e) {
      throw new ServerUnavailable(unreachable());
    } catch (IOException e) {
      throw new ClientException("request to " + server + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("interrupted");
    }
  }

  private String unreachable() {
    return "cannot reach Gantry at " + server + " (is it running? see --server)";
  }

  private static String messageOf(String body) {
    try {
      return JSON.readTree(body).path("message").asText(body);
    } catch (IOException notJson) {
      return body;
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A failed call, with a message for the user. */
  static class ClientException extends CommandFailure {
    ClientException(String message) {
      super(message);
    }
  }

  /** Gantry did not answer, or answered that it cannot serve now: a caller that follows may try again. */
  static final class ServerUnavailable extends ClientException {
    ServerUnavailable(String message) {
      super(message);
    }
  }
}
