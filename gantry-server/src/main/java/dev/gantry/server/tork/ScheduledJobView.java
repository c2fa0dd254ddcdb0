package dev.gantry.server.tork;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gantry.core.schedule.ScheduledJob;
import java.time.Instant;
import java.util.List;

/**
 * A scheduled job in Tork's shape: {@code id, name, description, tags, cron, state (ACTIVE|PAUSED),
 * createdAt}; {@code nextRunAt} (Gantry's own) is the next tick it will start a job for. In full
 * ({@code GET /scheduled-jobs/{id}}) also the tasks it starts.
 */
record ScheduledJobView(
    String id,
    String name,
    String description,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags,
    String cron,
    String state,
    Instant createdAt,
    Instant nextRunAt,
    List<TaskView> tasks) {

  static ScheduledJobView summary(ScheduledJob schedule) {
    return of(schedule, null);
  }

  static ScheduledJobView full(ScheduledJob schedule) {
    return of(schedule, schedule.spec().tasks().stream().map(TaskView::of).toList());
  }

  private static ScheduledJobView of(ScheduledJob schedule, List<TaskView> tasks) {
    return new ScheduledJobView(schedule.id(), schedule.name(), schedule.spec().description(), schedule.spec().tags(),
        schedule.cron(), schedule.state().name(), schedule.createdAt(), schedule.nextFireAt(), tasks);
  }
}
