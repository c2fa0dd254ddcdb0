package dev.gantry.core.spec;

import dev.gantry.core.job.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a session task does in its one environment: write {@code files}, then run {@code steps} one
 * after another, each a command with its own log and state. A step that fails ends the session
 * (the later steps stay pending). {@code completionMarker} (null: none): a path that, once a step
 * has created it, ends the session successfully, the later steps skipped. After every step
 * succeeded, {@code artifacts} (paths in the environment) are kept with the run, within {@code limits}.
 * {@code keep} (null: never): how long the environment stays after the session ended, for a shell in it.
 */
public record SessionPlan(List<File> files, List<Step> steps, String completionMarker, List<String> artifacts,
    ArtifactLimits limits, Keep keep) {

  public SessionPlan {
    files = List.copyOf(files);
    steps = List.copyOf(steps);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    limits = limits == null ? ArtifactLimits.DEFAULT : limits;
  }

  /** A plan whose environment goes as soon as the session ends. */
  public SessionPlan(List<File> files, List<Step> steps, String completionMarker, List<String> artifacts,
      ArtifactLimits limits) {
    this(files, steps, completionMarker, artifacts, limits, null);
  }

  /** This plan keeping its environment so ({@code newKeep} null: never). */
  public SessionPlan withKeep(Keep newKeep) {
    return new SessionPlan(files, steps, completionMarker, artifacts, limits, newKeep);
  }

  /**
   * Keeping the environment after the session, for {@code time}: after a failed session, and after a
   * successful one too when {@code always} (builds.sr.ht's {@code shell: true}). A cancelled or
   * timed-out session's environment has been killed: it is never kept.
   */
  public record Keep(Duration time, boolean always) {

    public Keep {
      if (time == null || time.isNegative() || time.isZero()) {
        throw new IllegalArgumentException("a kept environment needs a positive keep time, not " + time);
      }
    }

    /** Whether a session that ended so (not cancelled, not timed out) keeps its environment. */
    public boolean keeps(boolean succeeded) {
      return always || !succeeded;
    }

    /** Until when the environment of a run that ended in {@code state} at {@code ended} is kept; null: it is not. */
    public Instant until(RunState state, Instant ended) {
      boolean kept = state == RunState.FAILED || state == RunState.SUCCEEDED && always;
      return kept && ended != null ? ended.plus(time) : null;
    }
  }

  /**
   * A file written before the first step. Its content is {@code text}, or, when {@code secret} is
   * set, the value of the job's secret of that name (so the spec never holds it).
   */
  public record File(String path, String text, String secret, int mode) {}

  /** One step: its name and the command that runs it (e.g. {@code [sh, -c, script]}). */
  public record Step(String name, List<String> command) {

    public Step {
      command = List.copyOf(command);
    }
  }

  /** How many artifacts a session may keep and how large each may be. */
  public record ArtifactLimits(int count, long bytesEach) {

    public static final ArtifactLimits DEFAULT = new ArtifactLimits(8, 64L * 1024 * 1024);
  }
}
