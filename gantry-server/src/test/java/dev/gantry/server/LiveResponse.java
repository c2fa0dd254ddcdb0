package dev.gantry.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A streamed response read line by line as it arrives, on a thread of its own: tests wait for a
 * line (with a deadline) instead of for the response's end. Closing it hangs up.
 */
public final class LiveResponse implements AutoCloseable {

  private static final String END = new String("end of response"); // compared by identity
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final HttpResponse<InputStream> response;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile boolean ended;

  private LiveResponse(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "live-response-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** GETs {@code uri} with the headers given as name, value, name, value... */
  public static LiveResponse open(URI uri, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return new LiveResponse(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int status() {
    return response.statusCode();
  }

  public String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // hung up by close(), or the server ended the stream abruptly: either way, no more lines
    } finally {
      lines.add(END);
    }
  }

  /** The next line, waiting up to 20 seconds; null at the end of the response. */
  public String nextLine() {
    if (ended) {
      return null;
    }
    try {
      String line = lines.poll(20, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("no line within 20 seconds");
      }
      if (line == END) {
        ended = true;
        return null;
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Lines up to and including the first that matches; fails at the end of the response. */
  public List<String> linesUntil(Predicate<String> wanted) {
    List<String> seen = new ArrayList<>();
    for (String line = nextLine(); line != null; line = nextLine()) {
      seen.add(line);
      if (wanted.test(line)) {
        return seen;
      }
    }
    throw new AssertionError("the response ended without the line wanted; got " + seen);
  }

  /** Every line until the response ends (within the deadline of each line). */
  public List<String> restOfLines() {
    List<String> rest = new ArrayList<>();
    for (String line = nextLine(); line != null; line = nextLine()) {
      rest.add(line);
    }
    return rest;
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // closing is all we wanted
    }
  }
}
