package dev.gantry.core.engine;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.Page;
import dev.gantry.core.schedule.Cron;
import dev.gantry.core.schedule.ScheduleState;
import dev.gantry.core.schedule.ScheduleStateException;
import dev.gantry.core.schedule.ScheduledJob;
import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What users do with scheduled jobs: create, look, pause, resume, delete; {@link ScheduleFirer}
 * starts their jobs. Every call carries the caller's {@link Principal}, checked here as
 * {@link JobService} checks it: looking needs {@code jobs:read}, the rest {@code jobs:write}. The
 * creator owns the schedule and the jobs it starts.
 */
public final class ScheduleService {

  private final Store store;
  private final Clock clock;
  private final HostAccessPolicy hostAccess;
  private final CallTargetPolicy callTargets;

  public ScheduleService(Store store, Clock clock, HostAccessPolicy hostAccess) {
    this(store, clock, hostAccess, CallTargetPolicy.PUBLIC_ONLY);
  }

  /** {@code callTargets}: where the jobs' outgoing calls may go, checked on the URLs' text at create, as at a submit. */
  public ScheduleService(Store store, Clock clock, HostAccessPolicy hostAccess, CallTargetPolicy callTargets) {
    this.callTargets = callTargets;
    this.store = store;
    this.clock = clock;
    this.hostAccess = hostAccess;
  }

  /** Stores an ACTIVE schedule owned by {@code caller} whose first tick is the first that {@code cron} matches after now. */
  public ScheduledJob create(Principal caller, JobSpec spec, Cron cron) {
    caller.require(Scope.JOBS_WRITE);
    hostAccess.check(spec);
    callTargets.check(spec);
    if (!spec.secrets().isEmpty()) {
      // A schedule's spec is one stored JSON, not the jobs table's separate secrets column.
      throw new InvalidJobException("secrets", "a scheduled job cannot have secrets yet (they would be stored with its spec)");
    }
    Instant now = clock.instant();
    Progression first = Progression.submitted(Job.queued(Ids.newId(), caller.user(), spec, now), now);
    if (first.failure() != null) {
      throw first.failure(); // as at a submit: the first task's templates would fail at every tick
    }
    ScheduledJob schedule = new ScheduledJob(Ids.newId(), spec, cron.expression(), ScheduleState.ACTIVE, now,
        next(cron, now), caller.user());
    store.insertSchedule(schedule);
    return schedule;
  }

  /** A schedule of {@code caller}'s (an admin: anyone's); another user's does not exist for it. */
  public ScheduledJob schedule(Principal caller, String id) {
    caller.require(Scope.JOBS_READ);
    return owned(caller, id);
  }

  /** The caller's schedules (an admin: everyone's), counted in the store. */
  public Page<ScheduledJob> list(Principal caller, int page, int size) {
    caller.require(Scope.JOBS_READ);
    return store.listSchedules(caller.isAdmin() ? null : caller.user(), page, size);
  }

  /** Stops starting jobs; a job already started goes on. */
  public void pause(Principal caller, String id) {
    caller.require(Scope.JOBS_WRITE);
    ScheduledJob schedule = owned(caller, id);
    if (schedule.state() != ScheduleState.ACTIVE
        || !store.changeScheduleState(id, ScheduleState.ACTIVE, ScheduleState.PAUSED, schedule.nextFireAt())) {
      throw new ScheduleStateException(id, schedule(id).state());
    }
  }

  /** Starts jobs again from the next tick after now: the ticks missed while paused are not made up. */
  public void resume(Principal caller, String id) {
    caller.require(Scope.JOBS_WRITE);
    ScheduledJob schedule = owned(caller, id);
    Instant next = next(Cron.parse(schedule.cron()), clock.instant());
    if (schedule.state() != ScheduleState.PAUSED
        || !store.changeScheduleState(id, ScheduleState.PAUSED, ScheduleState.ACTIVE, next)) {
      throw new ScheduleStateException(id, schedule(id).state());
    }
  }

  /** Removes the schedule; the jobs it started stay, and keep its id. */
  public void delete(Principal caller, String id) {
    caller.require(Scope.JOBS_WRITE);
    owned(caller, id);
    if (!store.deleteSchedule(id)) {
      throw new NotFoundException("scheduled job", id);
    }
  }

  /** Schedules are their owners' (and admins'): another user's is NotFoundException, as if it did not exist. */
  private ScheduledJob owned(Principal caller, String id) {
    ScheduledJob schedule = schedule(id);
    if (!caller.isAdmin() && !caller.user().equals(schedule.owner())) {
      throw new NotFoundException("scheduled job", id);
    }
    return schedule;
  }

  private ScheduledJob schedule(String id) {
    return store.findSchedule(id).orElseThrow(() -> new NotFoundException("scheduled job", id));
  }

  static Instant next(Cron cron, Instant after) {
    // Cron.parse refuses expressions that never fire, so there always is a next tick.
    return cron.nextAfter(after).orElseThrow(() -> new IllegalStateException("'" + cron + "' never fires"));
  }
}
