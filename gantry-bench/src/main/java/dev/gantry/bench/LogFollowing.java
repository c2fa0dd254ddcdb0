package dev.gantry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows a job's output from its start to its end, handing each piece of text on as it arrives:
 * over the live stream ({@code GET /jobs/{id}/log/stream}) where the server has one, else by
 * polling the log pages as `gantry logs -f` did before it.
 */
final class LogFollowing {

  static final Duration POLL = Duration.ofMillis(50);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final GantryApi api;
  private String method = "nothing yet";

  LogFollowing(GantryApi api) {
    this.api = api;
  }

  /** How the last follow was done, for the report. */
  String method() {
    return method;
  }

  /** Hands on the job's output until the job has ended and all of it was received. */
  void follow(String jobId, Duration limit, Consumer<String> text) throws IOException, InterruptedException {
    HttpResponse<InputStream> stream = http.send(api.request("/jobs/" + jobId + "/log/stream").GET().build(),
        BodyHandlers.ofInputStream());
    if (stream.statusCode() == 200) {
      method = "live stream GET /jobs/{id}/log/stream (plain text)";
      try (InputStream in = stream.body()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
          text.accept(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      }
      return;
    }
    stream.body().close();
    method = "polling GET /jobs/{id}/log every " + POLL.toMillis() + " ms (the server has no live stream: "
        + stream.statusCode() + ")";
    poll(jobId, limit, text);
  }

  private void poll(String jobId, Duration limit, Consumer<String> text) throws IOException, InterruptedException {
    LogPoller poller = new LogPoller(api, jobId);
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      // Read the state first: parts stored before the job ended are all there at the next poll.
      boolean ended = GantryApi.ENDED.contains(api.job(jobId).path("state").asText());
      var parts = poller.poll();
      parts.forEach(text);
      if (ended) {
        return;
      }
      if (parts.isEmpty()) {
        Thread.sleep(POLL.toMillis());
      }
    }
    throw new IllegalStateException("job " + jobId + " did not end within " + limit);
  }
}
