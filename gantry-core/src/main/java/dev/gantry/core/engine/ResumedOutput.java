package dev.gantry.core.engine;

import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.job.LogPosition;
import dev.gantry.core.spec.Secrets;
import dev.gantry.core.spi.LogSink;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of a container taken over after a restart, replayed by the runtime from the
 * container's first line: what the earlier process had already stored is dropped, the rest goes
 * on to the run's log, so that the log has no gap and no line twice. The stored text is masked,
 * the replay is not: each piece is compared masked, and the replay is expected to begin as the
 * stored text does (a runtime delivers whole lines, so a stored last line without its end is the
 * only piece that is cut).
 */
final class ResumedOutput implements LogSink {

  private static final Logger log = LoggerFactory.getLogger(ResumedOutput.class);

  private final LogSink next;
  private final Map<String, String> secrets;
  private final Map<Stream, String> stored = new EnumMap<>(Stream.class);
  private final String runId;

  ResumedOutput(LogSink next, StoredRunLog storedLog, LogPosition containerStart, Map<String, String> secrets, String runId) {
    this.next = next;
    this.secrets = secrets;
    this.runId = runId;
    for (Stream stream : Stream.values()) {
      stored.put(stream, storedLog.after(stream, containerStart));
    }
  }

  @Override
  public synchronized void write(Stream stream, String text) {
    String left = stored.get(stream);
    if (left.isEmpty()) {
      next.write(stream, text);
      return;
    }
    String masked = Secrets.mask(text, secrets);
    if (left.startsWith(masked)) {
      stored.put(stream, left.substring(masked.length()));
      return;
    }
    stored.put(stream, "");
    if (masked.startsWith(left) && masked.equals(text)) {
      // The stored log ended inside this line: the rest of it is new.
      next.write(stream, text.substring(left.length()));
      return;
    }
    log.warn("the output of run {} replayed by the runtime differs from what was stored ({} characters of {} not matched);"
        + " storing the rest as it comes", runId, left.length(), stream.name().toLowerCase());
    next.write(stream, text);
  }

  @Override
  public LogPosition mark() {
    return next.mark();
  }
}
