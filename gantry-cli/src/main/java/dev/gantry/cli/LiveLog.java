package dev.gantry.cli;

import dev.gantry.client.GantryClient;
import dev.gantry.client.GantryException;
import dev.gantry.client.JobSummary;
import dev.gantry.client.LogListener;
import dev.gantry.client.LogPart;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Follows a job's output from the live log stream until the job ends, through the client's
 * follower (which resumes after the last part across dropped connections and restarts, with
 * backoff); says once on {@code err} when it lost the server.
 */
final class LiveLog {

  private LiveLog() {}

  /** Hands each part to {@code onPart} and returns the ended job's summary. */
  static JobSummary follow(GantryClient client, String jobId, Consumer<LogPart> onPart, PrintStream err) {
    return follow(client, jobId, onPart, message -> err.println("gantry: " + Terminal.line(message)));
  }

  /** As above, telling {@code onLost} (the live view shows it in its frame) instead of printing it. */
  static JobSummary follow(GantryClient client, String jobId, Consumer<LogPart> onPart, Consumer<String> onLost) {
    return client.followLog(jobId, new LogListener() {
      @Override
      public void part(LogPart part) {
        onPart.accept(part);
      }

      @Override
      public void lost(GantryException why) {
        onLost.accept(ApiFailures.describe(why) + "; trying again until it answers");
      }
    });
  }
}
