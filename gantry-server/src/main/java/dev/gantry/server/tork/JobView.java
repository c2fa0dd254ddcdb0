package dev.gantry.server.tork;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.TaskRun;
import java.util.List;
import java.util.Map;

/**
 * A job in full, as Tork's {@code GET /jobs/{id}} shows it: the summary fields, the job's
 * environment, the tasks as submitted and every task run so far ({@code execution}).
 */
record JobView(
    @JsonUnwrapped JobSummaryView summary,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> env,
    @JsonInclude(JsonInclude.Include.NON_NULL) String output,
    List<TaskView> tasks,
    List<ExecutionView> execution) {

  static JobView of(Job job, List<TaskRun> runs) {
    return new JobView(JobSummaryView.of(job), job.spec().env(), job.spec().output(),
        job.spec().tasks().stream().map(TaskView::of).toList(),
        runs.stream().map(run -> ExecutionView.of(run, job)).toList());
  }
}
