package dev.gantry.core.engine;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.LogPosition;
import dev.gantry.core.spec.Secrets;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a run's output into log parts, exactly as printed (no line end added or dropped): a part
 * is stored when the pending output reaches {@value #MAX_PART_CHARS} characters or when
 * {@link #flush()} is called (the worker does so several times a second and at the end), so a
 * follower sees a line soon after it is printed.
 * Each stored part is announced through {@link Signals#logAppended} for live followers.
 *
 * <p>The job's secrets are masked before a part is stored; output that ends in what could be the
 * start of a secret's value is held back (until the next flush with more output, or the last) so
 * that a value printed in pieces is masked whole.
 *
 * <p>A part holds the output of one stream: when the stream changes, a new part begins. That keeps
 * the order in which the output came, at the price of one part per switch for output that
 * alternates between stdout and stderr.
 */
final class RunLogWriter implements LogSink {

  private static final Logger log = LoggerFactory.getLogger(RunLogWriter.class);
  static final int MAX_PART_CHARS = 64 * 1024;

  private final Store store;
  private final Signals signals;
  private final Clock clock;
  private final String jobId;
  private final String runId;
  private final Map<String, String> secrets;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private int pendingChars;
  private int number;
  private boolean containerRecorded;
  /** Characters of stored (masked) text, per stream: where the next container's output begins. */
  private long storedStdout;
  private long storedStderr;

  /** Output of one stream waiting to be stored as one part. */
  private record Pending(LogPart.Stream stream, StringBuilder lines, Instant firstAt) {}

  RunLogWriter(Store store, Signals signals, Clock clock, String jobId, String runId) {
    this(store, signals, clock, jobId, runId, Map.of());
  }

  RunLogWriter(Store store, Signals signals, Clock clock, String jobId, String runId, Map<String, String> secrets) {
    this(store, signals, clock, jobId, runId, secrets, StoredRunLog.EMPTY);
  }

  /** A writer that goes on after {@code stored}, the parts an earlier process stored for the run. */
  RunLogWriter(Store store, Signals signals, Clock clock, String jobId, String runId, Map<String, String> secrets,
      StoredRunLog stored) {
    this.number = stored.lastNumber();
    this.storedStdout = stored.position().stdoutChars();
    this.storedStderr = stored.position().stderrChars();
    this.secrets = secrets;
    this.store = store;
    this.signals = signals;
    this.clock = clock;
    this.jobId = jobId;
    this.runId = runId;
  }

  /** The first container start of the run is recorded (Daestro's {@code starting} ends there); the rest change nothing. */
  @Override
  public void containerStarted() {
    synchronized (this) {
      if (containerRecorded) {
        return;
      }
      containerRecorded = true;
    }
    try {
      store.containerStarted(runId, jobId, clock.instant());
    } catch (RuntimeException e) {
      // Only what a view shows is lost (the run stays "starting" there); the task runs on.
      log.warn("could not record the container start of run {}: {}", runId, e.toString());
    }
  }

  /** The run's progress is stored, with its task.Progress calls; a failure loses only that report. */
  @Override
  public void progressReported(double percent) {
    try {
      store.recordProgress(runId, percent, clock.instant());
    } catch (RuntimeException e) {
      log.warn("could not record the progress of run {}: {}", runId, e.toString());
    }
  }

  @Override
  public synchronized void write(LogPart.Stream stream, String text) {
    if (text.isEmpty()) {
      return;
    }
    Pending last = pending.peekLast();
    if (last == null || last.stream() != stream) {
      last = new Pending(stream, new StringBuilder(), clock.instant());
      pending.addLast(last);
    }
    last.lines().append(text);
    pendingChars += text.length();
    if (pendingChars >= MAX_PART_CHARS) {
      flush();
    }
  }

  /** Stores what has come since the last flush, one part per stream switch. */
  public synchronized void flush() {
    flush(false);
  }

  /** Stores everything (the container before has ended) and says how much of each stream is stored. */
  @Override
  public synchronized LogPosition mark() {
    flush(true);
    // What a failed store kept pending goes in before the next container's output: count it too.
    long stdout = storedStdout;
    long stderr = storedStderr;
    for (Pending p : pending) {
      long chars = Secrets.mask(p.lines().toString(), secrets).length();
      if (p.stream() == LogPart.Stream.STDOUT) {
        stdout += chars;
      } else {
        stderr += chars;
      }
    }
    return new LogPosition(stdout, stderr);
  }

  /** Stores everything, also a tail that could have been the start of a secret: the task has ended. */
  synchronized void flushAll() {
    flush(true);
  }

  private void flush(boolean last) {
    while (!pending.isEmpty()) {
      Pending next = pending.peekFirst();
      int held = last || pending.size() > 1 ? 0 : Secrets.unfinishedTail(next.lines(), secrets);
      if (held == next.lines().length()) {
        return;
      }
      String text = next.lines().substring(0, next.lines().length() - held);
      String masked = Secrets.mask(text, secrets);
      LogPart part;
      try {
        part = store.appendLog(jobId, runId, number + 1, next.stream(), masked, next.firstAt());
      } catch (RuntimeException e) {
        // Keep the lines and try again at the next flush: the database may be back by then.
        log.warn("could not store output of task run {}: {}", runId, e.getMessage());
        return;
      }
      number++;
      if (next.stream() == LogPart.Stream.STDOUT) {
        storedStdout += masked.length();
      } else {
        storedStderr += masked.length();
      }
      pendingChars -= text.length();
      if (held == 0) {
        pending.removeFirst();
      } else {
        next.lines().delete(0, text.length());
      }
      signals.logAppended(part);
    }
  }
}
