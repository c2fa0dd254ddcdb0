package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import dev.gantry.core.schedule.Cron;
import dev.gantry.core.schedule.InvalidCronException;
import dev.gantry.core.schedule.ScheduledJob;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the jobs of scheduled jobs whose tick has come; a maintenance task. Each tick is one
 * transaction that moves the schedule's next tick on, only from the value it read, and inserts
 * the job: so a tick starts exactly one job however many firers run (the maintenance lock makes
 * that one, the store keeps it so if two ever overlap), and a crash either lost nothing or fired
 * the tick. Ticks missed while no firer ran (every server down) start one job, not one per tick:
 * the next tick is the first after now. A tick's job is owned by the schedule's creator.
 */
public final class ScheduleFirer implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ScheduleFirer.class);
  /** Due schedules fired per round; more wait for the next round. */
  static final int BATCH = 100;

  private final Store store;
  private final Signals signals;
  private final Clock clock;

  public ScheduleFirer(Store store, Signals signals, Clock clock) {
    this.store = store;
    this.signals = signals;
    this.clock = clock;
  }

  @Override
  public void run() {
    Instant now = clock.instant();
    int fired = 0;
    for (ScheduledJob due : store.dueSchedules(now, BATCH)) {
      if (fire(due, now)) {
        fired++;
      }
    }
    if (fired > 0) {
      signals.workQueued();
    }
  }

  private boolean fire(ScheduledJob schedule, Instant now) {
    Cron cron;
    try {
      cron = Cron.parse(schedule.cron());
    } catch (InvalidCronException e) {
      log.warn("scheduled job {} is not fired: its cron '{}' cannot be read: {}", schedule.id(), schedule.cron(), e.getMessage());
      return false;
    }
    Instant next = ScheduleService.next(cron, now);
    // The first task's templates, as at a submit: they read only the job's inputs and the job itself.
    Progression first = Progression.submitted(
        Job.queued(Ids.newId(), schedule.owner(), schedule.spec(), now, schedule.id()), now);
    if (first.failure() != null) {
      log.warn("scheduled job {} starts no job for its tick at {}: {}", schedule.id(), schedule.nextFireAt(),
          first.failure().getMessage());
    }
    Job job = first.job();
    boolean fired = store.inTransaction(tx -> {
      if (!tx.advanceSchedule(schedule.id(), schedule.nextFireAt(), next)) {
        return false; // fired by another firer, or paused or deleted meanwhile
      }
      if (first.failure() != null) {
        return false; // the tick passes (so it is not tried again and again) without a job
      }
      tx.insertJob(job);
      first.insertedJobs().forEach(tx::insertJob);
      first.insertedRuns().forEach(tx::insertRun);
      if (!first.savedNodes().isEmpty()) {
        tx.saveNodes(first.savedNodes());
      }
      return true;
    });
    if (fired && job.state().isTerminal()) {
      signals.jobEnded(job.id()); // every task skipped by its if: the job completed as it was stored
    }
    if (fired) {
      log.info("scheduled job {} ({}) started job {} for its tick at {}; next at {}", schedule.id(), schedule.cron(),
          job.id(), schedule.nextFireAt(), next);
    }
    return fired;
  }
}
