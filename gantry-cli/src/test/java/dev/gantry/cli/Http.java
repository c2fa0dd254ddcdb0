package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON-over-HTTP client for tests against a real Gantry on a real port. */
final class Http {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String authorization;

  Http(int port) {
    this(port, null);
  }

  /** Sending {@code Authorization: Bearer token} with every request (null: no header). */
  Http(int port, String token) {
    this("http://127.0.0.1:" + port, token == null ? null : "Bearer " + token, true);
  }

  private Http(String base, String authorization, boolean raw) {
    this.base = base;
    this.authorization = authorization;
  }

  /** Sending HTTP Basic with {@code user} and {@code password} with every request. */
  static Http basic(int port, String user, String password) {
    return new Http("http://127.0.0.1:" + port, "Basic " + java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)), true);
  }

  String base() {
    return base;
  }

  /** The response status and its JSON body. */
  record Response(int status, JsonNode body) {}

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Response put(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  Response postYaml(String path, String yaml) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "text/yaml")
        .POST(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  Response postJson(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** The raw body of a GET, for checks that a value appears nowhere in an answer. */
  String text(String path) {
    return get(path).body().toString();
  }

  /** Submits a job and returns its id, failing the test unless it was accepted. */
  String submit(String yaml) {
    Response response = postYaml("/jobs", yaml);
    if (response.status() != 200) {
      throw new AssertionError("job not accepted: " + response);
    }
    return response.body().path("id").asText();
  }

  JsonNode job(String id) {
    return get("/jobs/" + id).body();
  }

  private Response send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
