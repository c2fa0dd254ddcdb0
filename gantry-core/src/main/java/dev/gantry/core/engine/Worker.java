package dev.gantry.core.engine;

import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.Durations;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.TaskRuntime;
import dev.gantry.core.spi.WorkMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims queued task runs from the store and runs them, up to {@code slots} at once. Holds a lease
 * on each run it is running and renews it; a run whose lease it cannot renew was taken from it
 * (cancelled, or given up as lost) and is stopped.
 */
public final class Worker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  /** A line waits at most this long to be stored; a follower anywhere gets it soon after (issue 16: p99 < 250 ms). */
  private static final Duration LOG_FLUSH_EVERY = Duration.ofMillis(100);

  private final Store store;
  private final Signals signals;
  private final Clock clock;
  private final WorkerSettings settings;
  private final TaskExecutor executor;
  private final WorkMetrics metrics;
  private final Semaphore freeSlots;
  private final Map<String, Execution> executing = new ConcurrentHashMap<>();
  private final ExecutorService slotThreads;
  private final ScheduledExecutorService timers;
  private final Thread dispatcher;
  private volatile boolean stopping;

  public Worker(Store store, TaskRuntime runtime, RunProgress progress, Signals signals, Clock clock, WorkerSettings settings) {
    this(store, runtime, progress, signals, clock, settings, WorkMetrics.NONE);
  }

  /** A worker that reports how long each task's container ran to {@code metrics}. */
  public Worker(Store store, TaskRuntime runtime, RunProgress progress, Signals signals, Clock clock, WorkerSettings settings,
      WorkMetrics metrics) {
    this.store = store;
    this.signals = signals;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
    this.freeSlots = new Semaphore(settings.slots());
    this.timers = Executors.newScheduledThreadPool(1, Threads.named("gantry-worker-timer"));
    // A run's start and end are retried for as long as its lease would hold it anyway.
    this.executor = new TaskExecutor(store, signals, runtime, progress, clock, timers, settings.nodeId(), settings.lease(),
        settings.hostAccess(), metrics);
    this.slotThreads = Executors.newFixedThreadPool(settings.slots(), Threads.named("gantry-task"));
    this.dispatcher = Threads.named("gantry-dispatcher").newThread(this::dispatch);
    signals.onJobCancelled(this::cancelJob);
  }

  public void start() {
    long renewMillis = settings.renewEvery().toMillis();
    timers.scheduleWithFixedDelay(this::renewLeases, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::flushLogs, LOG_FLUSH_EVERY.toMillis(), LOG_FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    dispatcher.start();
    log.debug("worker {} serving queues {} with {} slots", settings.nodeId(), settings.queues(), settings.slots());
  }

  /** Runs being executed here now. */
  public int runningCount() {
    return executing.size();
  }

  private void dispatch() {
    while (!stopping) {
      try {
        freeSlots.acquire();
        Optional<TaskRun> claimed = claim();
        if (claimed.isEmpty()) {
          freeSlots.release();
          signals.awaitWork(settings.pollEvery());
          continue;
        }
        TaskRun run = claimed.get();
        Execution execution = new Execution(run, new Cancellation());
        executing.put(run.id(), execution);
        slotThreads.execute(() -> runAndRelease(execution));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Optional<TaskRun> claim() throws InterruptedException {
    if (stopping) {
      return Optional.empty();
    }
    try {
      Instant now = clock.instant();
      Optional<TaskRun> claimed = store.claimNext(settings.queues(), settings.nodeId(), settings.engineId(), now,
          now.plus(settings.lease()));
      // Waited until now, after the claim: a run queued while the claim ran has waited a moment, not
      // less than nothing; another machine's clock running ahead reads as no wait.
      claimed.ifPresent(run -> metrics.runClaimed(run.queue(), atLeastZero(Duration.between(run.createdAt(), clock.instant()))));
      return claimed;
    } catch (RuntimeException e) {
      log.warn("could not claim work (will retry): {}", e.getMessage());
      Thread.sleep(settings.pollEvery().toMillis()); // back off while the store is unreachable
      return Optional.empty();
    }
  }

  private void runAndRelease(Execution execution) {
    try {
      executor.execute(execution);
    } catch (RuntimeException e) {
      // The run stays RUNNING in the store; its lease runs out and the reaper hands it back.
      log.error("task run {} could not be completed: {}", execution.run().id(), e.toString());
    } finally {
      executing.remove(execution.run().id());
      freeSlots.release();
    }
  }

  private void renewLeases() {
    for (Execution execution : executing.values()) {
      try {
        boolean held = store.renewLease(execution.run().id(), settings.nodeId(), clock.instant().plus(settings.lease()));
        if (!held) {
          execution.cancellation().cancel(Cancellation.Reason.LEASE_LOST);
        }
      } catch (RuntimeException e) {
        log.warn("could not renew the lease of task run {}: {}", execution.run().id(), e.getMessage());
      }
    }
  }

  private void flushLogs() {
    executing.values().forEach(Execution::flushLog);
  }

  private void cancelJob(String jobId) {
    executing.values().stream()
        .filter(e -> e.run().jobId().equals(jobId))
        .forEach(e -> e.cancellation().cancel(Cancellation.Reason.CANCELLED));
  }

  /**
   * During a stop, ends the wait for running tasks: they are stopped and handed back to the queue
   * at once (an operator's second Ctrl-C). Before a stop, it does nothing.
   */
  public void stopNow() {
    if (stopping) {
      handBackRunning("stopping now");
    }
  }

  /**
   * Stops claiming, gives running tasks the grace period to finish, then stops the rest and hands
   * them back to the queue. Says at once what it waits for, and for how long.
   */
  @Override
  public void close() {
    stopping = true;
    dispatcher.interrupt();
    slotThreads.shutdown();
    try {
      dispatcher.join(5_000);
      if (!executing.isEmpty()) {
        log.info("stopping: waiting up to {} for {} to finish, then handing {} back to the queue;"
            + " stop again (Ctrl-C) to hand {} back now", Durations.format(settings.shutdownGrace()), describeRunning(),
            executing.size() == 1 ? "it" : "them", executing.size() == 1 ? "it" : "them");
      }
      if (!slotThreads.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        handBackRunning("the grace period is over");
        if (!slotThreads.awaitTermination(30, TimeUnit.SECONDS)) {
          log.warn("stopping without {}: the runtime did not stop them within 30 s; their leases run out within {}"
              + " and they are queued again then", describeRunning(), Durations.format(settings.lease()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      timers.shutdownNow();
    }
  }

  private void handBackRunning(String why) {
    if (!executing.isEmpty()) {
      log.info("{}: stopping {} and handing {} back to the queue", why, describeRunning(), executing.size() == 1 ? "it" : "them");
      executing.values().forEach(e -> e.cancellation().cancel(Cancellation.Reason.SHUTDOWN));
    }
  }

  /** "task 'build' of job 0190..." for one run, "3 tasks (build, test, ...)" for more. */
  private String describeRunning() {
    var runs = executing.values().stream().map(Execution::run).toList();
    if (runs.size() == 1) {
      return "task '" + runs.get(0).name() + "' of job " + runs.get(0).jobId();
    }
    String names = runs.stream().limit(5).map(r -> "'" + r.name() + "'").collect(Collectors.joining(", "));
    return runs.size() + " tasks (" + names + (runs.size() > 5 ? ", ..." : "") + ")";
  }

  private static Duration atLeastZero(Duration waited) {
    return waited.isNegative() ? Duration.ZERO : waited;
  }
}
