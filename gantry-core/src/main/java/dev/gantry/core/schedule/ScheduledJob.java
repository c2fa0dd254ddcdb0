package dev.gantry.core.schedule;

import dev.gantry.core.spec.JobSpec;
import java.time.Instant;

/**
 * A job to start on a cron schedule. {@code nextFireAt} is the next tick to start a job for; the
 * store advances it in the same transaction that inserts that tick's job, and only from the value
 * it read, so each tick starts one job however many processes fire schedules. {@code owner}: the
 * user who created it, who owns the jobs it starts.
 */
public record ScheduledJob(String id, JobSpec spec, String cron, ScheduleState state, Instant createdAt, Instant nextFireAt,
    String owner) {

  public String name() {
    return spec.name();
  }

  public ScheduledJob paused() {
    return new ScheduledJob(id, spec, cron, ScheduleState.PAUSED, createdAt, nextFireAt, owner);
  }

  /** Active again from {@code next}: ticks missed while paused are not made up. */
  public ScheduledJob resumed(Instant next) {
    return new ScheduledJob(id, spec, cron, ScheduleState.ACTIVE, createdAt, next, owner);
  }
}
