package dev.gantry.core.spec;

import java.util.List;
import java.util.Map;

/** A validated job as submitted: what to run, independent of which dialect it came in. */
public record JobSpec(
    String name,
    String description,
    List<String> tags,
    Map<String, String> env,
    List<TaskSpec> tasks) {

  public JobSpec {
    tags = List.copyOf(tags);
    env = Map.copyOf(env);
    tasks = List.copyOf(tasks);
  }

  /** The task at a 1-based position. */
  public TaskSpec task(int position) {
    return tasks.get(position - 1);
  }
}
