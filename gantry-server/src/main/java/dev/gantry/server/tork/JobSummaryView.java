package dev.gantry.server.tork;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gantry.core.job.Job;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job as Tork lists it: where it stands, without its tasks. Fields with Tork's meaning:
 * {@code position} is the task the job is at ({@code taskCount + 1} once COMPLETED), {@code progress}
 * the share done in percent as Tork computes it ({@link Job#progress}: the top-level tasks before the
 * position plus what the task at it last wrote to {@code $TORK_PROGRESS}, over taskCount; two decimals). Absent
 * (null) until Gantry has them; {@code parentId} is the job whose subjob task started this one (null for others); {@code inputs} absent when the job has none. {@code schedule}: the
 * scheduled job that started this one. {@code cancelledAt} is Gantry's own: when a CANCELLED job
 * was cancelled. {@code dialect} (Gantry's) is the API the job was submitted through: {@code tork}
 * (this one), {@code hades}, ...
 */
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
    Instant cancelledAt,
    int position,
    int taskCount,
    double progress,
    String result,
    String error,
    String parentId,
    ScheduleRef schedule,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> inputs,
    String dialect) {

  /** The scheduled job a job was started by, as Tork's job summary names it. */
  record ScheduleRef(String id) {}

  static JobSummaryView of(Job job) {
    return new JobSummaryView(job.id(), job.name(), job.spec().description(), job.spec().tags(),
        TorkStates.of(job.state()), job.createdAt(), job.startedAt(), job.completedAt(), job.failedAt(),
        job.cancelledAt(), job.position(), job.taskCount(), job.progress(), job.result(),
        job.error(), job.parentId(), job.scheduleId() == null ? null : new ScheduleRef(job.scheduleId()), job.spec().inputs(),
        job.spec().dialect());
  }
}
