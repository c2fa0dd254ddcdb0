package dev.gantry.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.spi.LogSink;

/** The frames of one exec's attached stdout and stderr, re-assembled into lines for the sink. */
final class ExecOutput extends ResultCallback.Adapter<Frame> {

  private static final int MAX_LINE_BYTES = 256 * 1024;

  private final LineAssembler out;
  private final LineAssembler err;

  ExecOutput(LogSink sink) {
    this.out = new LineAssembler(MAX_LINE_BYTES, text -> sink.write(Stream.STDOUT, text));
    this.err = new LineAssembler(MAX_LINE_BYTES, text -> sink.write(Stream.STDERR, text));
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
