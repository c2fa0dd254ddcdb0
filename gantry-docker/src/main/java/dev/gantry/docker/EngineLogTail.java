package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the end of a stopped container's log from the engine: the last few messages first (the
 * engine reads a log's tail from its end, so this costs the same for any log size), more only
 * when the follow stream fell further behind.
 */
final class EngineLogTail implements LogTail {

  private static final Logger log = LoggerFactory.getLogger(EngineLogTail.class);
  /** Windows tried in turn, then the whole log. */
  private static final int[] WINDOWS = {16, 1024};
  private static final long READ_TIMEOUT_SECONDS = 60;

  private final DockerClient client;
  private final String containerId;

  EngineLogTail(DockerClient client, String containerId) {
    this.client = client;
    this.containerId = containerId;
  }

  /** The read a follow stream needs for {@link LogMessage}s: both streams, with timestamps. */
  static LogContainerCmd timestamped(DockerClient client, String containerId) {
    return client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true);
  }

  @Override
  public List<LogMessage> after(LogMessage lastSeen) {
    if (lastSeen != null) {
      for (int window : WINDOWS) {
        List<LogMessage> messages = read(window);
        List<LogMessage> missed = LogTail.after(messages, lastSeen, messages.size() < window);
        if (missed != null) {
          return missed;
        }
      }
    }
    List<LogMessage> missed = LogTail.after(read(0), lastSeen, true);
    if (missed.isEmpty() && lastSeen != null) {
      log.debug("the last message followed from container {} is not in its log; nothing to add", containerId);
    }
    return missed;
  }

  /** The last {@code count} messages; the whole log for 0. */
  private List<LogMessage> read(int count) {
    LogContainerCmd cmd = timestamped(client, containerId);
    cmd = count > 0 ? cmd.withTail(count) : cmd.withTailAll();
    Collector collector = cmd.exec(new Collector());
    try {
      if (!collector.awaitCompletion(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the engine did not send the log's end within " + READ_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the log's end");
    }
    return collector.messages;
  }

  private static final class Collector extends ResultCallback.Adapter<Frame> {
    private final List<LogMessage> messages = new ArrayList<>();

    @Override
    public void onNext(Frame frame) {
      LogMessage message = LogMessage.of(frame);
      if (message != null) {
        messages.add(message);
      }
    }
  }
}
