package dev.gantry.core.spec;

import java.util.List;
import java.util.Map;

/**
 * A container that runs beside a task (Tork's {@code sidecars}): started before it on a network of
 * the run's own, reachable from the task by {@code name}, and removed when the task ends. With a
 * {@code probe} (null: none) the task starts only once the sidecar answers it.
 */
public record Sidecar(String name, String image, String run, List<String> cmd, List<String> entrypoint,
    Map<String, String> env, SidecarProbe probe) {

  public Sidecar {
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    env = env == null ? Map.of() : Map.copyOf(env);
  }

  /** A sidecar without a probe. */
  public Sidecar(String name, String image, String run, List<String> cmd, List<String> entrypoint,
      Map<String, String> env) {
    this(name, image, run, cmd, entrypoint, env, null);
  }
}
