package dev.gantry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Set;

/** The calls the bench makes to Gantry's native API, each checked. */
final class GantryApi {

  static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  GantryApi(String base) {
    this(base, null);
  }

  /** Sending {@code token} as {@code Authorization: Bearer} with every request made by {@link #request}. */
  GantryApi(String base, String token) {
    this.base = base;
    this.token = token;
  }

  String base() {
    return base;
  }

  HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  HttpRequest submitRequest(String json) {
    return request("/jobs").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  /** Submits a job (JSON) and returns its id. */
  String submit(String json) throws IOException, InterruptedException {
    return send(submitRequest(json)).path("id").asText();
  }

  JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    return send(request(pathAndQuery).GET().build());
  }

  JsonNode job(String id) throws IOException, InterruptedException {
    return get("/jobs/" + id);
  }

  /**
   * Follows the job's live log ({@code GET /jobs/{id}/log/stream}, which ends when the job ends)
   * and returns the job as it ended: the wait costs the server nothing while the job runs.
   */
  JsonNode followToEnd(String id, Duration timeout) throws IOException, InterruptedException {
    HttpRequest stream = HttpRequest.newBuilder(URI.create(base + "/jobs/" + id + "/log/stream")).timeout(timeout).GET().build();
    HttpResponse<Void> followed = http.send(stream, BodyHandlers.discarding());
    if (followed.statusCode() != 200) {
      throw new IllegalStateException("GET /jobs/" + id + "/log/stream answered " + followed.statusCode());
    }
    JsonNode job = job(id);
    if (!ENDED.contains(job.path("state").asText())) {
      throw new IllegalStateException("the log stream of job " + id + " ended while the job was " + job.path("state").asText());
    }
    return job;
  }

  /** Polls the job every {@code every} until it has ended; returns it. */
  JsonNode awaitEnd(String id, Duration every, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode job = job(id);
      if (ENDED.contains(job.path("state").asText())) {
        return job;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("job " + id + " did not end within " + timeout + ": " + job.path("state").asText());
      }
      Thread.sleep(every.toMillis());
    }
  }

  /** How many jobs match the native search {@code q}. */
  long count(String q) throws IOException, InterruptedException {
    String query = q == null ? "" : "&q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8);
    return get("/jobs?size=1" + query).path("totalItems").asLong();
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return JSON.readTree(response.body());
  }

  static String jobJson(String name, String tag, String queue, String image, String run, int tasks) {
    StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\",\"tags\":[\"" + tag + "\"],\"tasks\":[");
    for (int i = 1; i <= tasks; i++) {
      json.append(i > 1 ? "," : "").append("{\"name\":\"t").append(i).append("\",\"image\":\"").append(image)
          .append("\",\"network\":\"none\",\"run\":").append(quote(run))
          .append(queue == null ? "" : ",\"queue\":\"" + queue + "\"").append('}');
    }
    return json.append("]}").toString();
  }

  static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
