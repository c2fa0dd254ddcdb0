package dev.gantry.core.spec;

import java.util.List;
import java.util.Map;

/**
 * A container that runs beside a task (Tork's {@code sidecars}): started before it on a network of
 * the run's own, reachable from the task by {@code name}, and removed when the task ends.
 */
public record Sidecar(String name, String image, String run, List<String> cmd, List<String> entrypoint,
    Map<String, String> env) {

  public Sidecar {
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    env = env == null ? Map.of() : Map.copyOf(env);
  }
}
