package dev.gantry.core.spec;

import java.util.List;
import java.util.Map;

/**
 * A container that runs beside a task (Tork's {@code sidecars}): started before it on a network of
 * the run's own, reachable from the task by {@code name}, and removed when the task ends. With a
 * {@code probe} (null: none) the task starts only once the sidecar answers it. Its image is pulled
 * with {@code registry}'s credentials (null: none), as a task's is.
 */
public record Sidecar(String name, String image, String run, List<String> cmd, List<String> entrypoint,
    Map<String, String> env, SidecarProbe probe, RegistryAuth registry) {

  public Sidecar {
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    env = env == null ? Map.of() : Map.copyOf(env);
  }

  /** A sidecar pulled without credentials. */
  public Sidecar(String name, String image, String run, List<String> cmd, List<String> entrypoint,
      Map<String, String> env, SidecarProbe probe) {
    this(name, image, run, cmd, entrypoint, env, probe, null);
  }

  /** This sidecar pulled with {@code newRegistry}. */
  public Sidecar withRegistry(RegistryAuth newRegistry) {
    return new Sidecar(name, image, run, cmd, entrypoint, env, probe, newRegistry);
  }

  /** A sidecar without a probe. */
  public Sidecar(String name, String image, String run, List<String> cmd, List<String> entrypoint,
      Map<String, String> env) {
    this(name, image, run, cmd, entrypoint, env, null);
  }
}
