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
  private final TaskRuntime runtime;
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
  /** This process's epoch of its node id ({@link Store#takeOverNode}): its leases hold only while it is the node's. */
  private volatile long epoch;
  /** Another process took this node id over: this one claims and renews nothing more. */
  private volatile boolean superseded;
  /** The runtime went away under a task (the Docker engine restarted): no claim until it answers again. */
  private volatile boolean runtimeDown;
  /** An operator asked to stop now: running tasks are stopped and handed back, not left running. */
  private volatile boolean handingBack;

  public Worker(Store store, TaskRuntime runtime, RunProgress progress, Signals signals, Clock clock, WorkerSettings settings) {
    this(store, runtime, progress, signals, clock, settings, WorkMetrics.NONE);
  }

  /** A worker that reports how long each task's container ran to {@code metrics}. */
  public Worker(Store store, TaskRuntime runtime, RunProgress progress, Signals signals, Clock clock, WorkerSettings settings,
      WorkMetrics metrics) {
    this.store = store;
    this.runtime = runtime;
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

  /**
   * Makes the node id this process's (an earlier process of it loses its leases), takes over the
   * runs that process left running in containers on the runtime, then starts claiming.
   */
  public void start() {
    epoch = store.takeOverNode(settings.nodeId(), clock.instant());
    new RunTakeover(store, runtime, clock, settings, epoch, this::resumeTakenOver).takeOverLeftRuns();
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
    while (!stopping && !superseded) {
      try {
        if ((runtimeDown || executing.values().stream().anyMatch(Execution::lostRuntime)) && !runtimeAnswers()) {
          Thread.sleep(settings.pollEvery().toMillis());
          continue;
        }
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

  /** Runs a run taken over from this node's earlier process, in a slot of its own when one is free. */
  private void resumeTakenOver(TaskRun run, LeftContainers found) {
    Execution execution = new Execution(run, new Cancellation());
    executing.put(run.id(), execution);
    // More containers left than slots (a restart with fewer slots): they all go on; new claims wait.
    boolean slot = freeSlots.tryAcquire();
    slotThreads.execute(() -> {
      try {
        executor.resume(execution, found);
        noteRuntimeLoss(execution);
      } catch (RuntimeException e) {
        log.error("task run {} taken over could not be completed: {}", run.id(), e.toString());
      } finally {
        executing.remove(run.id());
        if (slot) {
          freeSlots.release();
        }
      }
    });
  }

  private boolean runtimeAnswers() {
    if (runtime.answers()) {
      if (runtimeDown) {
        log.info("the runtime answers again ({}): taking tasks again", runtime.describe());
        runtimeDown = false;
      }
      return true;
    }
    runtimeDown = true; // a run that lost it is still being handed back
    return false;
  }

  private void noteRuntimeLoss(Execution execution) {
    if (execution.lostRuntime() && !runtimeDown) {
      log.warn("the runtime went away under task run {}: taking no task until it answers again", execution.run().id());
      runtimeDown = true;
    }
  }

  private void runAndRelease(Execution execution) {
    try {
      executor.execute(execution);
      noteRuntimeLoss(execution);
    } catch (RuntimeException e) {
      // The run stays RUNNING in the store; its lease runs out and the reaper hands it back.
      log.error("task run {} could not be completed: {}", execution.run().id(), e.toString());
    } finally {
      executing.remove(execution.run().id());
      freeSlots.release();
    }
  }

  private void renewLeases() {
    checkStillTheNode();
    for (Execution execution : executing.values()) {
      try {
        boolean held = !superseded
            && store.renewLease(execution.run().id(), settings.nodeId(), epoch, clock.instant().plus(settings.lease()));
        if (!held) {
          execution.cancellation().cancel(Cancellation.Reason.LEASE_LOST);
        }
      } catch (RuntimeException e) {
        log.warn("could not renew the lease of task run {}: {}", execution.run().id(), e.getMessage());
      }
    }
  }

  /** Once another process took this node id over, this one stops: its runs are that one's now, or lost. */
  private void checkStillTheNode() {
    if (superseded) {
      return;
    }
    try {
      long now = store.nodeEpoch(settings.nodeId());
      if (now > epoch) {
        superseded = true;
        dispatcher.interrupt();
        log.error("another process started as node {} (epoch {} after this one's {}): this worker takes no more tasks and"
            + " gives up its runs; give each worker its own --node-id or --data-dir", settings.nodeId(), now, epoch);
      }
    } catch (RuntimeException e) {
      log.debug("could not read the epoch of node {}: {}", settings.nodeId(), e.getMessage());
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
   * Stops claiming, gives running tasks the grace period to finish, then leaves the rest running
   * in their containers, still RUNNING and leased to this node: a worker started again with this
   * node id before their leases end takes them over; else they are handed back when the leases
   * end. Says at once what it waits for, and for how long.
   */
  @Override
  public void close() {
    stopping = true;
    dispatcher.interrupt();
    slotThreads.shutdown();
    try {
      dispatcher.join(5_000);
      if (!executing.isEmpty()) {
        String one = executing.size() == 1 ? "it" : "them";
        String then = settings.keepsNodeId() && runtime.canReattach()
            ? "leaving " + one + " running for the next start of node " + settings.nodeId() : "handing " + one + " back to the queue";
        log.info("stopping: waiting up to {} for {} to finish, then {}; stop again (Ctrl-C) to stop {} and hand {} back now",
            Durations.format(settings.shutdownGrace()), describeRunning(), then, one, one);
      }
      if (!slotThreads.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        if (!handingBack && settings.keepsNodeId() && runtime.canReattach()) {
          leaveRunning();
        } else {
          handBackRunning("the grace period is over");
          if (!slotThreads.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("stopping without {}: the runtime did not stop them within 30 s; their leases run out within {}"
                + " and they are queued again then", describeRunning(), Durations.format(settings.lease()));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      timers.shutdownNow();
    }
  }

  /**
   * The grace period is over: the running tasks stay in their containers, their runs RUNNING on
   * this node, for the next process of this node to take over within their leases.
   */
  private void leaveRunning() {
    if (executing.isEmpty()) {
      return;
    }
    executing.values().forEach(Execution::detach);
    runtime.detach();
    flushLogs();
    log.info("the grace period is over: leaving {} running; `gantry` started again as node {} within {} takes {} over,"
        + " else {} handed back then", describeRunning(), settings.nodeId(), Durations.format(settings.lease()),
        executing.size() == 1 ? "it" : "them", executing.size() == 1 ? "it is" : "they are");
  }

  private void handBackRunning(String why) {
    handingBack = true;
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
