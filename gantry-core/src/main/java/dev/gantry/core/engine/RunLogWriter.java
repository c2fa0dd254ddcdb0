package dev.gantry.core.engine;

import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a run's output lines into log parts: a part is stored when it reaches
 * {@value #MAX_PART_CHARS} characters or when {@link #flush()} is called (the worker does so
 * several times a second and at the end), so a follower sees a line soon after it is printed.
 */
final class RunLogWriter implements LogSink {

  private static final Logger log = LoggerFactory.getLogger(RunLogWriter.class);
  static final int MAX_PART_CHARS = 64 * 1024;

  private final Store store;
  private final Clock clock;
  private final String jobId;
  private final String runId;
  private final StringBuilder pending = new StringBuilder();
  private Instant firstPendingAt;
  private int number;

  RunLogWriter(Store store, Clock clock, String jobId, String runId) {
    this.store = store;
    this.clock = clock;
    this.jobId = jobId;
    this.runId = runId;
  }

  @Override
  public synchronized void line(Stream stream, String line) {
    if (pending.length() == 0) {
      firstPendingAt = clock.instant();
    }
    pending.append(line).append('\n');
    if (pending.length() >= MAX_PART_CHARS) {
      flush();
    }
  }

  /** Stores what has come since the last flush as one part. */
  public synchronized void flush() {
    if (pending.length() == 0) {
      return;
    }
    try {
      store.appendLog(jobId, runId, ++number, pending.toString(), firstPendingAt);
      pending.setLength(0);
    } catch (RuntimeException e) {
      // Keep the lines and try again at the next flush: the database may be back by then.
      number--;
      log.warn("could not store output of task run {}: {}", runId, e.getMessage());
    }
  }
}
