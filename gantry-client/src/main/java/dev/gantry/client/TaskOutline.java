package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The shape of one task of a job as it was submitted: its name and, for a composite task, its
 * children ({@code parallel} or {@code subjob} tasks, or the task {@code each} runs per item).
 * The job's runs place themselves in this tree by their {@link TaskRun#path()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskOutline(String name, Group parallel, EachTask each, Group subjob) {

  /** The tasks of a parallel or subjob task. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Group(List<TaskOutline> tasks) {

    public Group {
      tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
  }

  /** The task an {@code each} runs once per item. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record EachTask(TaskOutline task) {}

  /** {@code parallel}, {@code each}, {@code subjob}, or {@code task} for a container task. */
  public String kind() {
    return parallel != null ? "parallel" : each != null ? "each" : subjob != null ? "subjob" : "task";
  }

  /** The child at {@code index}: the index-th of a parallel or subjob, the each's task for every item; null if none. */
  public TaskOutline child(int index) {
    Group group = parallel != null ? parallel : subjob;
    if (group != null) {
      return index >= 0 && index < group.tasks().size() ? group.tasks().get(index) : null;
    }
    return each != null ? each.task() : null;
  }
}
