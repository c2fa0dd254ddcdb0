package dev.gantry.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Sends hostile requests one at a time and records every broken promise: a 5xx, an accepted
 * request that had to be rejected, a 4xx without a message, a job stored by a rejected submit (or
 * not stored by an accepted one), a header the request injected into the response, and a server
 * that no longer answers {@code /health} after a batch.
 */
public final class HostileChecks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final LongSupplier storedJobs;
  private final List<String> violations = new ArrayList<>();
  private int sent;

  /** {@code storedJobs} counts the jobs the server holds, by whatever means the caller has. */
  public HostileChecks(int port, LongSupplier storedJobs) {
    this.port = port;
    this.storedJobs = storedJobs;
  }

  /** Sends each request of the batch, then checks that the server is still healthy. */
  public HostileChecks batch(String name, List<HostileRequest> requests) {
    for (HostileRequest request : requests) {
      check(request);
    }
    try {
      RawHttp.Response health = RawHttp.send(port, HostileRequest.of("health", "GET", "/health").build().wire());
      if (health.status() != 200) {
        violations.add("after batch '" + name + "': /health answered " + health.status() + " " + health.body());
      }
    } catch (IOException e) {
      violations.add("after batch '" + name + "': /health did not answer: " + e);
    }
    return this;
  }

  public List<String> violations() {
    return violations;
  }

  public int sent() {
    return sent;
  }

  private void check(HostileRequest request) {
    long before = request.submits() ? storedJobs.getAsLong() : 0;
    RawHttp.Response response;
    try {
      response = RawHttp.send(port, request.wire());
    } catch (IOException e) {
      violations.add(request.shortLabel() + ": no answer: " + e);
      return;
    }
    sent++;
    int status = response.status();
    String seen = " (answered " + status + " " + abbreviate(response.body()) + ")";
    if (status == 0) {
      violations.add(request.shortLabel() + ": the connection closed without an HTTP answer" + seen);
    } else if (status >= 500 && !(status == 505 && request.versionUnsupported())) {
      violations.add(request.shortLabel() + ": server error" + seen);
    } else if (request.mustBeRejected() && status < 400) {
      violations.add(request.shortLabel() + ": accepted, but it had to be rejected" + seen);
    } else if (status >= 400 && !hasMessage(response)) {
      violations.add(request.shortLabel() + ": rejected without a message" + seen);
    }
    if (response.headers().containsKey("x-injected")) {
      violations.add(request.shortLabel() + ": a header of the request was injected into the response" + seen);
    }
    if (request.submits()) {
      long expected = before + (status >= 200 && status < 300 ? 1 : 0);
      long after = storedJobs.getAsLong();
      if (after != expected) {
        violations.add(request.shortLabel() + ": " + (after - before) + " jobs stored by one submit answered " + status + seen);
      }
    }
  }

  /** A plain-text body, or a JSON one with a non-blank {@code message} (or dialect-style {@code error} or {@code errors}). */
  private static boolean hasMessage(RawHttp.Response response) {
    String body = response.body().strip();
    if (body.isEmpty()) {
      return false;
    }
    if (!String.valueOf(response.headers().get("content-type")).contains("json")) {
      return true;
    }
    try {
      JsonNode json = JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
      return !json.path("message").asText("").isBlank() || !json.path("error").asText("").isBlank() || json.path("errors").size() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static String abbreviate(String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
  }
}
