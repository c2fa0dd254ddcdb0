package dev.gantry.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.spi.LogSink;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The frames of one exec's attached stdout and stderr, re-assembled into lines for the sink, within
 * the session's output budget (shared by its execs, as a task's by its output): past it, one
 * {@value LogStream#TRUNCATED} line and nothing more.
 */
final class ExecOutput extends ResultCallback.Adapter<Frame> {

  private static final int MAX_LINE_BYTES = 256 * 1024;

  private final LogSink sink;
  private final AtomicLong budget;
  private final LineAssembler out;
  private final LineAssembler err;

  ExecOutput(LogSink sink, AtomicLong budget) {
    this.sink = sink;
    this.budget = budget;
    this.out = new LineAssembler(MAX_LINE_BYTES, text -> deliver(Stream.STDOUT, text));
    this.err = new LineAssembler(MAX_LINE_BYTES, text -> deliver(Stream.STDERR, text));
  }

  private void deliver(Stream stream, String text) {
    long bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    long before = budget.getAndAdd(-bytes);
    if (before >= bytes) {
      sink.write(stream, text);
    } else if (before >= 0) {
      sink.line(Stream.STDERR, LogStream.TRUNCATED);
    }
  }

  @Override
  public void onNext(Frame frame) {
    if (frame.getStreamType() == StreamType.STDERR) {
      err.accept(frame.getPayload());
    } else {
      out.accept(frame.getPayload());
    }
  }

  /** The exec ended: hands on last lines without a newline. Call after {@link #awaitCompletion()}. */
  void finish() {
    out.finish();
    err.finish();
  }
}
