package dev.gantry.core.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated task. {@code run} is a script (run by the entrypoint, default {@code sh -c});
 * {@code cmd} instead uses the image's own entrypoint. {@code network} is the container network mode
 * (e.g. {@code none}); null is the runtime's default. Null means "not set" for the optional
 * scalars; collections are never null. {@code continueOnError}: when the task fails (after its
 * retries) the job goes on with the next task instead of failing.
 */
public record TaskSpec(
    String name,
    String description,
    String image,
    String run,
    List<String> cmd,
    List<String> entrypoint,
    Map<String, String> env,
    Map<String, String> files,
    String workdir,
    Duration timeout,
    int retryLimit,
    Limits limits,
    String network,
    String queue,
    boolean continueOnError) {

  public static final String DEFAULT_QUEUE = "default";

  public TaskSpec {
    cmd = List.copyOf(cmd);
    entrypoint = List.copyOf(entrypoint);
    env = Map.copyOf(env);
    files = Map.copyOf(files);
    limits = limits == null ? Limits.NONE : limits;
    queue = queue == null ? DEFAULT_QUEUE : queue;
  }

  /** A task that fails its job when it fails. */
  public TaskSpec(String name, String description, String image, String run, List<String> cmd, List<String> entrypoint,
      Map<String, String> env, Map<String, String> files, String workdir, Duration timeout, int retryLimit, Limits limits,
      String network, String queue) {
    this(name, description, image, run, cmd, entrypoint, env, files, workdir, timeout, retryLimit, limits, network, queue,
        false);
  }
}
