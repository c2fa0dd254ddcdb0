package dev.gantry.core.spec;

import dev.gantry.core.job.JobState;
import java.util.Map;

/**
 * A call a job makes once, when it ends and {@code condition} holds (builds.sr.ht's manifest
 * {@code triggers}): written to the outbox in the transaction that ends the job, as a call of
 * {@code kind} (how its body is made and sent) to {@code target} (an http(s) URL, or a
 * {@code mailto:} address list), with {@code headers} (for an email: {@code Cc}, {@code In-Reply-To}).
 */
public record EndTrigger(String kind, Condition condition, String target, Map<String, String> headers) {

  /** When a trigger fires: always, or on success only, or on any other end (failed, timed out, cancelled). */
  public enum Condition {
    ALWAYS,
    SUCCESS,
    FAILURE;

    /** Whether a trigger of this condition fires for a job that ended {@code end}. */
    public boolean holds(JobState end) {
      return switch (this) {
        case ALWAYS -> true;
        case SUCCESS -> end == JobState.SUCCEEDED;
        case FAILURE -> end != JobState.SUCCEEDED;
      };
    }
  }

  public EndTrigger {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** Whether its target is called over HTTP (so the call target policy applies to it at submit). */
  public boolean isHttp() {
    return target.startsWith("http://") || target.startsWith("https://");
  }
}
