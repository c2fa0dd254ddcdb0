package dev.gantry.server.daestro;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.RunContainer;
import dev.gantry.core.job.TaskRun;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A job as Daestro's {@code GET /v1/client/job/{id}} shows it: {@code system_note}, {@code
 * schedule_at} and {@code updated_at} may be null; times RFC 3339.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record DaestroJobView(String id, String name, String state, String system_note, Instant schedule_at, Instant created_at,
    Instant updated_at) {

  static DaestroJobView of(Job job, List<TaskRun> runs, List<RunContainer> containers, Instant scheduleAt) {
    String note = DaestroStates.notStarted(job, runs);
    if (note == null && job.error() != null) {
      note = job.error();
    }
    Instant updated = Stream.of(job.cancelledAt(), job.failedAt(), job.completedAt(), job.startedAt())
        .filter(t -> t != null).findFirst().orElse(null);
    return new DaestroJobView(job.id(), job.name(), DaestroStates.of(job, runs, containers), note, scheduleAt, job.createdAt(), updated);
  }
}
