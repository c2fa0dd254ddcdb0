package dev.gantry.server.tork;

import dev.gantry.core.spec.TorkStateNames;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import java.util.Locale;

/** Gantry's states under Tork's names (the Tork column of ARCHITECTURE.md's table). */
final class TorkStates {

  private TorkStates() {}

  static String of(JobState state) {
    return TorkStateNames.of(state);
  }

  static String of(RunState state) {
    return TorkStateNames.of(state);
  }

  /**
   * Rewrites the words of a search that are Tork state names into Gantry's, so that
   * {@code q=completed} finds the jobs this API shows as COMPLETED.
   */
  static String searchWords(String q) {
    if (q == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String word : q.trim().split("\\s+")) {
      String core = switch (word.toLowerCase(Locale.ROOT)) {
        case "completed" -> "succeeded";
        case "pending" -> "held";
        case "scheduled" -> "queued";
        default -> word;
      };
      out.append(out.length() == 0 ? "" : " ").append(core);
    }
    return out.toString();
  }
}
