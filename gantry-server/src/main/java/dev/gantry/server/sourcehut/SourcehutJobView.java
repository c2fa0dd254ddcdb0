package dev.gantry.server.sourcehut;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.StepRun;
import dev.gantry.core.spec.SessionPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * A job as builds.sr.ht's legacy API shows it. {@code setup_log} and the tasks' {@code log} are null
 * until a worker has the job; {@code tags} is one string, the tags joined with '/'.
 */
@JsonPropertyOrder({"id", "status", "setup_log", "tasks", "note", "runner", "tags", "owner"})
@JsonInclude(JsonInclude.Include.ALWAYS)
record SourcehutJobView(long id, String status, String setup_log, List<TaskView> tasks, String note, String runner,
    String tags, OwnerView owner) {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record TaskView(String name, String status, String log) {}

  record OwnerView(String canonical_name, String name) {}

  /** {@code steps}: the latest run's (setup first), none before the job has a run; {@code base}: the public URL. */
  static SourcehutJobView of(Job job, long number, List<StepRun> steps, String base) {
    SessionPlan plan = job.spec().tasks().get(0).session();
    boolean started = !steps.isEmpty();
    String logs = base + "/logs/" + number + "/";
    List<TaskView> tasks = new ArrayList<>();
    for (int i = 1; i < plan.steps().size(); i++) {
      String name = plan.steps().get(i).name();
      String status = started ? SourcehutStates.of(steps.get(i).state()) : "pending";
      tasks.add(new TaskView(name, status, started ? logs + name + "/log" : null));
    }
    String owner = job.owner() == null ? "gantry" : job.owner();
    return new SourcehutJobView(number, SourcehutStates.of(job.state()), started ? logs + "log" : null, tasks,
        job.spec().description(), started ? "gantry" : null, String.join("/", job.spec().tags()),
        new OwnerView("~" + owner, owner));
  }
}
