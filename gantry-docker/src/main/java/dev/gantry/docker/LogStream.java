package dev.gantry.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.spi.LogSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a container's stdout and stderr and hands each complete line to the sink as it arrives,
 * within the run's output budget. Keeps the last few lines for the error text of a failed run.
 * Frames arrive on docker-java's stream thread; {@link #finish} runs on the run's thread.
 */
final class LogStream extends ResultCallback.Adapter<Frame> {

  static final String TRUNCATED = "[output truncated]";

  private static final Logger log = LoggerFactory.getLogger(LogStream.class);
  private static final int MAX_LINE_BYTES = 256 * 1024;
  private static final int LAST_LINES = 5;
  private static final int LAST_LINES_CHARS = 1000;

  private final LogSink sink;
  private final LineAssembler stdout;
  private final LineAssembler stderr;
  private final Deque<String> lastLines = new ArrayDeque<>();
  private long budget;
  private boolean truncated;
  private boolean finished;
  private boolean sinkFailed;
  /** Frames received so far: whether the stream is still making progress. */
  private volatile long frames;
  private final CountDownLatch ended = new CountDownLatch(1);

  LogStream(LogSink sink, long maxOutputBytes) {
    this.sink = sink;
    this.budget = maxOutputBytes;
    this.stdout = new LineAssembler(MAX_LINE_BYTES, line -> deliver(Stream.STDOUT, line));
    this.stderr = new LineAssembler(MAX_LINE_BYTES, line -> deliver(Stream.STDERR, line));
  }

  @Override
  public synchronized void onNext(Frame frame) {
    if (finished) {
      return;
    }
    frames++;
    switch (frame.getStreamType()) {
      case STDOUT, RAW -> stdout.accept(frame.getPayload());
      case STDERR -> stderr.accept(frame.getPayload());
      default -> { } // STDIN is never attached
    }
  }

  @Override
  public void onComplete() {
    ended.countDown();
    super.onComplete();
  }

  @Override
  public void onError(Throwable error) {
    // The stream broke (engine gone, container removed): the run's wait call reports the cause.
    log.debug("log stream ended with {}", error.toString());
    ended.countDown();
    closeQuietly();
  }

  /**
   * Waits for the engine to end the stream (it does once the container has stopped and all its
   * output was sent), as long as output keeps arriving: a task that printed faster than the sink
   * stores is still being read when it exits. Gives up after {@code quiet} without a frame, then
   * hands on the partial last lines. Later frames are ignored.
   */
  void finish(Duration quiet) throws InterruptedException {
    long seen = frames;
    // Not awaitCompletion(timeout): docker-java closes the stream when that wait times out.
    while (!ended.await(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
      if (frames == seen) {
        log.warn("container log stream silent for {} after the container ended; closing it", quiet);
        closeQuietly();
        break;
      }
      seen = frames;
    }
    synchronized (this) {
      if (!finished) {
        stdout.finish();
        stderr.finish();
        finished = true;
      }
    }
  }

  /** The last lines printed, oldest first, joined by newlines; its end when too long. */
  synchronized String lastLines() {
    String joined = String.join("\n", lastLines);
    return joined.length() <= LAST_LINES_CHARS ? joined : "..." + joined.substring(joined.length() - LAST_LINES_CHARS);
  }

  private void deliver(Stream stream, String line) {
    if (truncated) {
      return;
    }
    long bytes = utf8Length(line) + 1;
    if (bytes > budget) {
      truncated = true;
      line = TRUNCATED;
    } else {
      budget -= bytes;
    }
    remember(line);
    try {
      sink.line(stream, line);
    } catch (RuntimeException e) {
      // A failing sink must not stop the container's output from being drained.
      if (!sinkFailed) {
        sinkFailed = true;
        log.warn("log sink failed, later lines of this run may be missing: {}", e.toString());
      }
    }
  }

  private void remember(String line) {
    if (lastLines.size() == LAST_LINES) {
      lastLines.removeFirst();
    }
    lastLines.addLast(line);
  }

  void closeQuietly() {
    try {
      close();
    } catch (Exception e) {
      log.debug("closing the log stream failed: {}", e.toString());
    }
  }

  private static long utf8Length(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
