package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.cli.GantryClient.ClientException;
import dev.gantry.cli.GantryClient.ServerUnavailable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows a job's output from the live log stream until the job ends. When the connection breaks
 * or the server stops answering (a restart), it tries again with backoff and resumes after the
 * last part it got, so no part is lost or printed twice; it gives up only when the server has not
 * answered for {@link #GIVE_UP_AFTER}.
 */
final class LiveLog {

  static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
  private static final long FIRST_PAUSE_MILLIS = 200;
  private static final long LONGEST_PAUSE_MILLIS = 5_000;

  private LiveLog() {}

  /** Hands each part to {@code onPart} and returns the ended job's summary; says on {@code err} when it lost the server. */
  static JsonNode follow(GantryClient client, String jobId, Consumer<JsonNode> onPart, PrintStream err) throws InterruptedException {
    LogEventReader reader = new LogEventReader(0);
    boolean answered = false;
    boolean lost = false;
    long pause = FIRST_PAUSE_MILLIS;
    long lastAnswer = System.nanoTime();
    while (true) {
      try {
        JsonNode end = client.followLog(jobId, reader, onPart);
        if (end != null) {
          return end;
        }
        // It answered, then the stream broke off: resume shortly.
        answered = true;
        lost = false;
        lastAnswer = System.nanoTime();
        pause = FIRST_PAUSE_MILLIS;
      } catch (ServerUnavailable e) {
        if (!answered) {
          throw e; // never reached: a wrong --server, not a restart
        }
        if (!lost) {
          err.println("gantry: " + Terminal.line(e.getMessage()) + "; trying again until it answers");
          lost = true;
        }
        if (System.nanoTime() - lastAnswer > GIVE_UP_AFTER.toNanos()) {
          throw new ClientException("Gantry at " + client.server() + " has not answered for " + GIVE_UP_AFTER.toMinutes()
              + " minutes; giving up following job " + jobId + " (gantry logs " + jobId + " -f picks it up again)");
        }
      }
      Thread.sleep(pause); // a client's backoff: there is nothing to wait on but time
      pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
    }
  }
}
