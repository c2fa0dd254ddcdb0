package dev.gantry.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP side of the client: sends one call, turns a failed one into a {@link GantryException}
 * (the API's {@code message} and status) and reads the answer into the type asked for.
 */
final class Transport {

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final int ECHOED_BODY = 200;

  private final URI server;
  private final String token;
  private final Duration timeout;
  private final HttpClient http;

  Transport(URI server, String token, Duration connectTimeout, Duration timeout) {
    this.server = server;
    this.token = token;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
  }

  URI server() {
    return server;
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  /** Sends {@code request} and reads its answer as {@code type} (null: the answer is not read). */
  <T> T call(HttpRequest.Builder request, JavaType type) {
    HttpRequest built = request.header("Accept", "application/json").timeout(timeout).build();
    HttpResponse<String> response;
    try {
      response = http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw unreachable(e);
    } catch (IOException e) {
      throw new GantryUnavailableException(0, e.toString(), "request to " + built.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GantryException(0, "interrupted", "interrupted", e);
    }
    String body = response.body();
    if (response.statusCode() >= 400) {
      throw failure(built.uri(), response.statusCode(), body, token != null);
    }
    if (type == null) {
      return null;
    }
    try {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new GantryException(response.statusCode(), "the answer is not the JSON expected",
          "request to " + built.uri() + " failed: the answer (HTTP " + response.statusCode() + ") is not the JSON expected: "
              + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
    }
  }

  /** Sends {@code request} and hands back the open body of a successful answer (the caller closes it). */
  InputStream stream(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      throw unreachable(e);
    }
    if (response.statusCode() >= 400) {
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      }
      throw failure(request.uri(), response.statusCode(), body, token != null);
    }
    return response.body();
  }

  /** The HTTP client (HTTP/1.1), for a WebSocket to the server. */
  HttpClient http() {
    return http;
  }

  /** The token this client sends; null: none. */
  String token() {
    return token;
  }

  GantryUnavailableException unreachable(Exception cause) {
    return new GantryUnavailableException(0, "no answer", "cannot reach Gantry at " + server, cause);
  }

  /** The API's error: its {@code message} (native errors are {@code {"message": ...}}); 5xx means it cannot serve now. */
  static GantryException failure(URI uri, int status, String body, boolean withToken) {
    String message;
    try {
      JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
      message = json == null ? "" : json.path("message").asText(json.toString());
    } catch (IOException notJson) {
      String echoed = body.length() > ECHOED_BODY ? body.substring(0, ECHOED_BODY) + "..." : body;
      String text = "request to " + uri + " failed: HTTP " + status + " with a body that is not Gantry's: " + echoed.strip();
      return status >= 500 ? new GantryUnavailableException(status, echoed, text, null)
          : new GantryException(status, echoed, text, null, withToken);
    }
    if (message.isEmpty()) {
      message = "HTTP " + status;
    }
    String text = message + " (HTTP " + status + ")";
    return status >= 500 ? new GantryUnavailableException(status, message, text, null)
        : new GantryException(status, message, text, null, withToken);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
