package dev.gantry.core.spec;

import java.util.List;

/** Tork's {@code parallel}: its tasks run at once; it completes when all have, and fails when one fails. */
public record ParallelSpec(List<TaskSpec> tasks) {

  public ParallelSpec {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }
}
