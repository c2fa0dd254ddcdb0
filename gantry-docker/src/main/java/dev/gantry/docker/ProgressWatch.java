package dev.gantry.docker;

import dev.gantry.core.spi.LogSink;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a running container's {@link ProgressFile} every {@link #EVERY} and hands each new value
 * to the run's sink. One thread serves every container: a poll is a stat, and rarely a short read.
 */
final class ProgressWatch implements AutoCloseable {

  static final Duration EVERY = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(ProgressWatch.class);
  private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "gantry-task-progress");
    thread.setDaemon(true);
    return thread;
  });

  private final ProgressFile file;
  private final LogSink sink;
  private final ScheduledFuture<?> schedule;
  private Double last;

  private ProgressWatch(ProgressFile file, LogSink sink) {
    this.file = file;
    this.sink = sink;
    this.schedule = POLLER.scheduleWithFixedDelay(this::poll, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  static ProgressWatch start(ProgressFile file, LogSink sink) {
    return new ProgressWatch(file, sink);
  }

  /** Reads the file once now; the schedule's body, so it catches and logs and the schedule never dies. */
  synchronized void poll() {
    try {
      Double now = file.readIfChanged();
      if (now != null && !now.equals(last)) {
        last = now;
        sink.progressReported(now);
      }
    } catch (Exception e) {
      log.debug("could not read a task's progress file: {}", e.toString());
    }
  }

  /** Stops polling, then reads what the task wrote last (a fast task's only report comes in here). */
  void finish() {
    close();
    poll();
  }

  @Override
  public void close() {
    schedule.cancel(false);
  }
}
