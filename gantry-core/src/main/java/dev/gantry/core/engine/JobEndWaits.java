package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits that answer once their job has ended (Tork's {@code wait}), without holding a thread
 * each: a future per waiting job, completed by the job-ended signal or, since a signal may not
 * arrive (another process ended the job), by a check of the store every {@link #CHECK_EVERY}.
 */
public final class JobEndWaits implements AutoCloseable {

  /** At most this many submits wait at once; more are refused rather than queued. */
  public static final int MAX_WAITING = 256;
  private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(JobEndWaits.class);

  private final JobService jobs;
  /** Per job waited for: the future its end completes, and how many submits still wait for it. */
  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.named("gantry-job-waits"));
  /**
   * Where the answers are handed over: what the caller does with one (read the store, write a
   * response to a slow client) must hold up neither the timer nor the JDK's timeout thread. At
   * most {@link #MAX_WAITING} at once.
   */
  private final ExecutorService answers = Executors.newCachedThreadPool(Threads.named("gantry-job-wait-answers"));

  private static final class Waiting {
    final CompletableFuture<Job> ended = new CompletableFuture<>();
    int waits;
  }

  public JobEndWaits(JobService jobs) {
    this.jobs = jobs;
    jobs.onJobEnded(this::ended);
    timer.scheduleWithFixedDelay(this::checkAll, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Thrown when {@link #MAX_WAITING} submits already wait. */
  public static final class TooManyWaitsException extends RuntimeException {
    TooManyWaitsException() {
      super("too many submits are waiting for their jobs to end (at most " + MAX_WAITING + "); try again later",
          null, false, false);
    }
  }

  /**
   * A place among the waiting submits, taken before the job is submitted so that a submit is not
   * accepted and then refused its wait; closing an unused one gives it back.
   *
   * @throws TooManyWaitsException when {@link #MAX_WAITING} submits already wait
   */
  public Reservation reserve() {
    if (count.incrementAndGet() > MAX_WAITING) {
      count.decrementAndGet();
      throw new TooManyWaitsException();
    }
    return new Reservation();
  }

  /** One submit's place among the waiting ones. */
  public final class Reservation implements AutoCloseable {
    private boolean used;

    private Reservation() {}

    /** The job as it ended, once it has; empty when {@code timeout} passes first (the job keeps running). */
    public CompletableFuture<Optional<Job>> whenEnded(String jobId, Duration timeout) {
      if (used) {
        throw new IllegalStateException("a reservation waits for one job");
      }
      used = true;
      return waitFor(jobId, timeout);
    }

    @Override
    public void close() {
      if (!used) {
        used = true;
        count.decrementAndGet();
      }
    }
  }

  private CompletableFuture<Optional<Job>> waitFor(String jobId, Duration timeout) {
    Waiting job = waiting.compute(jobId, (id, w) -> {
      Waiting here = w == null ? new Waiting() : w;
      here.waits++;
      return here;
    });
    CompletableFuture<Optional<Job>> answer = new CompletableFuture<>();
    job.ended.thenAccept(ended -> answer.complete(Optional.of(ended)));
    answer.completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((result, error) -> done(jobId, job));
    timer.execute(() -> check(jobId, job)); // it may have ended before the wait was in place
    return answer.thenApplyAsync(Function.identity(), answers);
  }

  private void done(String jobId, Waiting job) {
    count.decrementAndGet();
    waiting.computeIfPresent(jobId, (id, w) -> w == job && --w.waits == 0 ? null : w);
  }

  private void ended(String jobId) {
    Waiting job = waiting.get(jobId);
    if (job != null && !timer.isShutdown()) {
      try {
        // The signal comes on the thread that ended the job: the store is read on the timer's.
        timer.execute(() -> check(jobId, job));
      } catch (RejectedExecutionException closing) {
        // closed meanwhile: nobody waits any more
      }
    }
  }

  private void checkAll() {
    waiting.forEach(this::check);
  }

  private void check(String jobId, Waiting waiting) {
    if (waiting.ended.isDone()) {
      return;
    }
    try {
      Job job = jobs.job(jobId);
      if (job.state().isTerminal()) {
        waiting.ended.complete(job);
      }
    } catch (RuntimeException e) {
      // A store hiccup: the next round asks again.
      log.debug("checking whether job {} has ended failed: {}", jobId, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    answers.shutdown();
    waiting.values().forEach(w -> w.ended.cancel(false));
  }
}
