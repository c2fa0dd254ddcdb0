package dev.gantry.server.tork;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantry.core.spec.Durations;
import dev.gantry.core.spec.TaskSpec;
import java.util.List;
import java.util.Map;

/** A task as submitted, in Tork's field names; fields the task does not set are left out. */
record TaskView(
    String name,
    String description,
    String image,
    String run,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> cmd,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> entrypoint,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> env,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> files,
    String workdir,
    String timeout,
    RetryView retry,
    LimitsView limits,
    String queue,
    String network,
    String var,
    @JsonProperty("if") String condition) {

  static TaskView of(TaskSpec task) {
    return new TaskView(task.name(), task.description(), task.image(), task.run(), task.cmd(), task.entrypoint(),
        task.env(), task.files(), task.workdir(),
        task.timeout() == null ? null : Durations.format(task.timeout()),
        task.retryLimit() > 0 ? new RetryView(task.retryLimit(), null) : null,
        LimitsView.of(task.limits()),
        task.queue(),
        task.network(),
        task.var(),
        task.condition());
  }
}
