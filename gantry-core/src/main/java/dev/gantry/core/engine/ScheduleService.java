package dev.gantry.core.engine;

import dev.gantry.core.job.Page;
import dev.gantry.core.schedule.Cron;
import dev.gantry.core.schedule.ScheduleState;
import dev.gantry.core.schedule.ScheduleStateException;
import dev.gantry.core.schedule.ScheduledJob;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Instant;

/** What users do with scheduled jobs: create, look, pause, resume, delete. {@link ScheduleFirer} starts their jobs. */
public final class ScheduleService {

  private final Store store;
  private final Clock clock;
  private final HostAccessPolicy hostAccess;

  public ScheduleService(Store store, Clock clock, HostAccessPolicy hostAccess) {
    this.store = store;
    this.clock = clock;
    this.hostAccess = hostAccess;
  }

  /** Stores an ACTIVE schedule whose first tick is the first that {@code cron} matches after now. */
  public ScheduledJob create(JobSpec spec, Cron cron) {
    hostAccess.check(spec);
    Instant now = clock.instant();
    ScheduledJob schedule = new ScheduledJob(Ids.newId(), spec, cron.expression(), ScheduleState.ACTIVE, now, next(cron, now));
    store.insertSchedule(schedule);
    return schedule;
  }

  public ScheduledJob schedule(String id) {
    return store.findSchedule(id).orElseThrow(() -> new NotFoundException("scheduled job", id));
  }

  public Page<ScheduledJob> list(int page, int size) {
    return store.listSchedules(page, size);
  }

  /** Stops starting jobs; a job already started goes on. */
  public void pause(String id) {
    ScheduledJob schedule = schedule(id);
    if (schedule.state() != ScheduleState.ACTIVE
        || !store.changeScheduleState(id, ScheduleState.ACTIVE, ScheduleState.PAUSED, schedule.nextFireAt())) {
      throw new ScheduleStateException(id, schedule(id).state());
    }
  }

  /** Starts jobs again from the next tick after now: the ticks missed while paused are not made up. */
  public void resume(String id) {
    ScheduledJob schedule = schedule(id);
    Instant next = next(Cron.parse(schedule.cron()), clock.instant());
    if (schedule.state() != ScheduleState.PAUSED
        || !store.changeScheduleState(id, ScheduleState.PAUSED, ScheduleState.ACTIVE, next)) {
      throw new ScheduleStateException(id, schedule(id).state());
    }
  }

  /** Removes the schedule; the jobs it started stay, and keep its id. */
  public void delete(String id) {
    if (!store.deleteSchedule(id)) {
      throw new NotFoundException("scheduled job", id);
    }
  }

  static Instant next(Cron cron, Instant after) {
    // Cron.parse refuses expressions that never fire, so there always is a next tick.
    return cron.nextAfter(after).orElseThrow(() -> new IllegalStateException("'" + cron + "' never fires"));
  }
}
