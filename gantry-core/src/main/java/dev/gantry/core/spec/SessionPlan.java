package dev.gantry.core.spec;

import java.util.List;

/**
 * What a session task does in its one environment: write {@code files}, then run {@code steps} one
 * after another, each a command with its own log and state. A step that fails ends the session
 * (the later steps stay pending). {@code completionMarker} (null: none): a path that, once a step
 * has created it, ends the session successfully, the later steps skipped. After every step
 * succeeded, {@code artifacts} (paths in the environment) are kept with the run, within {@code limits}.
 */
public record SessionPlan(List<File> files, List<Step> steps, String completionMarker, List<String> artifacts,
    ArtifactLimits limits) {

  public SessionPlan {
    files = List.copyOf(files);
    steps = List.copyOf(steps);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    limits = limits == null ? ArtifactLimits.DEFAULT : limits;
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
