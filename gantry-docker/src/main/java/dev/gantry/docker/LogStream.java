package dev.gantry.docker;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.spi.LogSink;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a container's stdout and stderr as the engine's follow stream delivers them and hands the
 * output to the sink line by line as it arrives, as printed, within the run's output budget. At
 * the end it adds what the follow stream missed ({@link LogTail}) and the last lines without a
 * newline. Keeps the end of the output for the error text of a failed run. Messages arrive on the
 * follow stream's thread; {@link #finish} runs on the run's thread.
 */
final class LogStream implements EngineLog.Listener {

  static final String TRUNCATED = "[output truncated]";

  private static final Logger log = LoggerFactory.getLogger(LogStream.class);
  private static final int MAX_LINE_BYTES = 256 * 1024;

  private final LogSink sink;
  private final Map<Stream, LineAssembler> assemblers = new EnumMap<>(Stream.class);
  /** Per stream: whether the output handed on so far ends inside a line. */
  private final Map<Stream, Boolean> midLine = new EnumMap<>(Stream.class);
  private final OutputEnd end = new OutputEnd();
  private long budget;
  private boolean truncated;
  private boolean following = true;
  private boolean sinkFailed;
  /** The last message the follow stream delivered: where the engine's own log is read on from. */
  private LogMessage lastSeen;
  /** Messages received so far: whether the stream is still making progress. */
  private volatile long messages;
  private final CountDownLatch ended = new CountDownLatch(1);

  LogStream(LogSink sink, long maxOutputBytes) {
    this.sink = sink;
    this.budget = maxOutputBytes;
    for (Stream stream : Stream.values()) {
      assemblers.put(stream, new LineAssembler(MAX_LINE_BYTES, text -> deliver(stream, text)));
      midLine.put(stream, false);
    }
  }

  @Override
  public synchronized void onMessage(LogMessage message) {
    if (!following) {
      return;
    }
    messages++;
    lastSeen = message;
    accept(message);
  }

  /** Also when the stream broke (engine gone, container removed): the run's wait call reports the cause. */
  @Override
  public void onEnd() {
    ended.countDown();
  }

  /**
   * Waits for the engine to end the follow stream (it does once the container has stopped), as
   * long as output keeps arriving: a task that printed faster than the sink stores is still being
   * read when it exits. Gives up after {@code quiet} without a message and closes {@code follow}.
   * Then hands on what the engine's log holds beyond the last message followed, and the last lines
   * without a newline. Later messages are ignored.
   */
  void finish(Duration quiet, AutoCloseable follow, LogTail tail) throws InterruptedException {
    long seen = messages;
    while (!ended.await(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
      if (messages == seen) {
        log.warn("container log stream silent for {} after the container ended; closing it", quiet);
        break;
      }
      seen = messages;
    }
    LogMessage last;
    synchronized (this) {
      if (!following) {
        return;
      }
      following = false;
      last = lastSeen;
    }
    closeQuietly(follow);
    List<LogMessage> missed = missedAfter(last, tail);
    synchronized (this) {
      missed.forEach(this::accept);
      assemblers.values().forEach(LineAssembler::finish);
    }
  }

  /** The end of the output (both streams), for the error text of a failed run. */
  synchronized String lastLines() {
    return end.lastLines();
  }

  private List<LogMessage> missedAfter(LogMessage last, LogTail tail) {
    try {
      List<LogMessage> missed = tail.after(last);
      if (!missed.isEmpty()) {
        log.debug("{} messages of output came after the follow stream ended", missed.size());
      }
      return missed;
    } catch (RuntimeException e) {
      log.warn("could not read the end of the container's log, its last output may be missing: {}", EngineErrors.reason(e));
      return List.of();
    }
  }

  private void accept(LogMessage message) {
    assemblers.get(message.stream()).accept(message.bytes());
  }

  private void deliver(Stream stream, String text) {
    if (truncated) {
      return;
    }
    long bytes = LogPart.utf8Length(text);
    if (bytes > budget) {
      truncated = true;
      text = (midLine.get(stream) ? "\n" : "") + TRUNCATED + "\n";
    } else {
      budget -= bytes;
    }
    midLine.put(stream, !text.endsWith("\n"));
    end.add(text);
    try {
      sink.write(stream, text);
    } catch (RuntimeException e) {
      // A failing sink must not stop the container's output from being drained.
      if (!sinkFailed) {
        sinkFailed = true;
        log.warn("log sink failed, later output of this run may be missing: {}", e.toString());
      }
    }
  }

  static void closeQuietly(AutoCloseable follow) {
    try {
      follow.close();
    } catch (Exception e) {
      log.debug("closing the log stream failed: {}", e.toString());
    }
  }
}
