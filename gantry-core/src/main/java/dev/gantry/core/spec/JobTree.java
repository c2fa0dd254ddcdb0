package dev.gantry.core.spec;

import dev.gantry.core.job.NodePath;

/** Finds a node of a job's tree as its spec wrote it: a top-level task, a parallel's task, an each's task. */
public final class JobTree {

  private JobTree() {}

  /** The task at {@code path}; every element of an each is its one {@code task}. */
  public static TaskSpec at(JobSpec spec, NodePath path) {
    TaskSpec node = spec.task(path.position());
    for (int level = 1; level < path.depth(); level++) {
      node = child(node, path.index(level));
    }
    return node;
  }

  /** The child of a composite at {@code index}. */
  public static TaskSpec child(TaskSpec composite, int index) {
    if (composite.parallel() != null) {
      return composite.parallel().tasks().get(index);
    }
    if (composite.each() != null) {
      return composite.each().task();
    }
    throw new IllegalArgumentException("task '" + composite.name() + "' has no children");
  }

  /** The field that holds the node at {@code path}, as errors name it: {@code tasks[1].parallel.tasks[0]}. */
  public static String field(JobSpec spec, NodePath path) {
    StringBuilder out = new StringBuilder("tasks[").append(path.index(0)).append(']');
    TaskSpec node = spec.task(path.position());
    for (int level = 1; level < path.depth(); level++) {
      if (node.parallel() != null) {
        out.append(".parallel.tasks[").append(path.index(level)).append(']');
      } else {
        out.append(".each.task");
      }
      node = child(node, path.index(level));
    }
    return out.toString();
  }
}
