package dev.gantry.core.spec;

import java.util.List;
import java.util.Map;

/**
 * Tork's {@code subjob}: a job of its own ({@code name}, {@code tasks}, {@code inputs},
 * {@code secrets}, {@code output}) started when the task is reached, listed like any job with its
 * parent's id. The task waits for it and takes its result (its {@code output}) as its own, unless
 * {@code detached}: then the task completes as soon as the sub-job is started. {@code webhooks}
 * are kept as written (delivering them is the webhooks issue's).
 */
public record SubjobSpec(
    String name,
    String description,
    List<TaskSpec> tasks,
    Map<String, String> inputs,
    Map<String, String> secrets,
    String output,
    boolean detached,
    List<Map<String, Object>> webhooks) {

  public SubjobSpec {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
  }
}
