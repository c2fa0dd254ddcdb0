package dev.gantry.core.definition;

import dev.gantry.core.spec.Limits;
import dev.gantry.core.spec.RegistryAuth;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One immutable version of a job definition (Daestro's): what a job made from it runs. {@code
 * command} may hold {@code Param::<key>} items, filled from the submit's parameters, then from
 * {@code parameters}. {@code env} holds the plain values; {@code sensitiveEnv} the values marked
 * sensitive, kept apart (the store's {@code job_definitions.sensitive_env}) and shown nowhere.
 * {@code timeoutSeconds} 0: no timeout. {@code owner}: who created this version (null: the process).
 * {@code registry}: the credentials its image is pulled with (null: none); the password is kept
 * sealed with the sensitive values and shown nowhere. {@code privileged}: its container runs
 * privileged, where the operator allows it ({@code --allow-privileged}).
 */
public record JobDefinition(
    String name,
    int version,
    String image,
    List<String> command,
    Map<String, String> parameters,
    Map<String, String> env,
    Map<String, String> sensitiveEnv,
    int timeoutSeconds,
    Limits limits,
    Instant createdAt,
    String owner,
    RegistryAuth registry,
    boolean privileged) {

  public JobDefinition {
    command = List.copyOf(command);
    parameters = Map.copyOf(parameters);
    env = Map.copyOf(env);
    sensitiveEnv = Map.copyOf(sensitiveEnv);
    limits = limits == null ? Limits.NONE : limits;
  }

  /** A definition pulled without credentials, not privileged. */
  public JobDefinition(String name, int version, String image, List<String> command, Map<String, String> parameters,
      Map<String, String> env, Map<String, String> sensitiveEnv, int timeoutSeconds, Limits limits, Instant createdAt,
      String owner) {
    this(name, version, image, command, parameters, env, sensitiveEnv, timeoutSeconds, limits, createdAt, owner, null, false);
  }

  /** This definition as version {@code number}, created at {@code at} by {@code by}. */
  public JobDefinition asVersion(int number, Instant at, String by) {
    return new JobDefinition(name, number, image, command, parameters, env, sensitiveEnv, timeoutSeconds, limits, at, by,
        registry, privileged);
  }

  /** {@code project::definition:version}, as a Daestro client names it. */
  public String reference() {
    return name + ":" + version;
  }
}
