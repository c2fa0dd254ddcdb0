package dev.gantry.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Follows a job's live log until the job ends. When the connection breaks or the server stops
 * answering (a restart), it tries again with backoff and resumes after the last part it got
 * ({@code Last-Event-ID}), so no part is lost or handed out twice; it gives up when the server
 * has not answered for {@code giveUpAfter}, or at once when the first call gets no answer (a
 * wrong address rather than a restart).
 */
final class LogFollower {

  private static final long FIRST_PAUSE_MILLIS = 200;
  private static final long LONGEST_PAUSE_MILLIS = 5_000;
  /** A silent stream is cut after this; the server sends a keep-alive comment far more often. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final Transport transport;
  private final Duration giveUpAfter;

  LogFollower(Transport transport, Duration giveUpAfter) {
    this.transport = transport;
    this.giveUpAfter = giveUpAfter;
  }

  JobSummary follow(String jobId, long afterPartId, LogListener listener) {
    LogEvents events = new LogEvents(afterPartId);
    boolean answered = false;
    boolean lost = false;
    long pause = FIRST_PAUSE_MILLIS;
    long lastAnswer = System.nanoTime();
    while (true) {
      try {
        JobSummary end = once(jobId, events, listener);
        if (lost) {
          listener.regained();
          lost = false;
        }
        if (end != null) {
          return end;
        }
        // It answered, then the stream broke off: resume shortly.
        answered = true;
        lastAnswer = System.nanoTime();
        pause = FIRST_PAUSE_MILLIS;
      } catch (GantryUnavailableException e) {
        if (!answered) {
          throw e;
        }
        if (!lost) {
          listener.lost(e);
          lost = true;
        }
        if (System.nanoTime() - lastAnswer > giveUpAfter.toNanos()) {
          throw new GantryUnavailableException(0, "no answer", "Gantry at " + transport.server() + " has not answered for "
              + describe(giveUpAfter) + "; giving up following job " + jobId, e);
        }
      }
      try {
        Thread.sleep(pause); // a client's backoff: there is nothing to wait on but time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GantryException(0, "interrupted", "interrupted while following job " + jobId, e);
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
    }
  }

  /** One connection: the job's summary when it ended, null when the stream broke off first. */
  private JobSummary once(String jobId, LogEvents events, LogListener listener) {
    HttpRequest request = transport.request("jobs/" + Transport.encode(jobId) + "/log/stream")
        .header("Accept", "text/event-stream").header("Last-Event-ID", Long.toString(events.lastId()))
        .timeout(READ_TIMEOUT).GET().build();
    try (InputStream body = transport.stream(request);
         BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      return events.read(in, listener::part);
    } catch (IOException e) {
      return null; // broke off: the caller resumes
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GantryException(0, "interrupted", "interrupted while following job " + jobId, e);
    }
  }

  private static String describe(Duration d) {
    return d.toMinutes() > 0 && d.toSecondsPart() == 0 ? d.toMinutes() + " minutes" : d.toSeconds() + " seconds";
  }
}
