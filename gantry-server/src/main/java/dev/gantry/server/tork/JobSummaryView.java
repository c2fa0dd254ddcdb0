package dev.gantry.server.tork;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gantry.core.job.Job;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A job as Tork lists it: where it stands, without its tasks. */
record JobSummaryView(
    String id,
    String name,
    String description,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags,
    String state,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Instant failedAt,
    int position,
    int taskCount,
    String result,
    String error,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> inputs) {

  static JobSummaryView of(Job job) {
    return new JobSummaryView(job.id(), job.name(), job.spec().description(), job.spec().tags(),
        TorkStates.of(job.state()), job.createdAt(), job.startedAt(), job.completedAt(), job.failedAt(),
        job.position(), job.taskCount(), job.result(), job.error(), job.spec().inputs());
  }
}
