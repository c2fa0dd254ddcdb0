package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/**
 * Prints a job's output as it is printed, from the live log stream, until the job ends. If the
 * connection breaks (a restarting server), it reconnects and resumes after the last part it got.
 */
final class LiveLog {

  private static final int RECONNECTS = 10;
  private static final long RECONNECT_PAUSE_MILLIS = 1000;

  private LiveLog() {}

  /** Returns the ended job's summary. */
  static JsonNode follow(GantryClient client, String jobId, PrintStream out) throws InterruptedException {
    LogEventReader reader = new LogEventReader(0);
    for (int attempt = 0; ; attempt++) {
      JsonNode end = client.followLog(jobId, reader, part -> {
        out.print(part.path("contents").asText());
        out.flush();
      });
      if (end != null) {
        return end;
      }
      if (attempt == RECONNECTS) {
        throw new GantryClient.ClientException("lost the log stream of job " + jobId + " " + RECONNECTS + " times; giving up");
      }
      Thread.sleep(RECONNECT_PAUSE_MILLIS); // a client-side pause before reconnecting; nothing to wait on
    }
  }
}
