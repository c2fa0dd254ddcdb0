package dev.gantry.docker;

import java.util.List;
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

  private final EngineLog engineLog;

  EngineLogTail(EngineLog engineLog) {
    this.engineLog = engineLog;
  }

  @Override
  public List<LogMessage> after(LogMessage lastSeen) {
    if (lastSeen != null) {
      for (int window : WINDOWS) {
        List<LogMessage> messages = engineLog.last(window);
        List<LogMessage> missed = LogTail.after(messages, lastSeen, messages.size() < window);
        if (missed != null) {
          return missed;
        }
      }
    }
    List<LogMessage> missed = LogTail.after(engineLog.last(0), lastSeen, true);
    if (missed.isEmpty() && lastSeen != null) {
      log.debug("the last message followed is not in the container's log; nothing to add");
    }
    return missed;
  }
}
