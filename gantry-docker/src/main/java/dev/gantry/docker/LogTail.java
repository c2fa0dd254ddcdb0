package dev.gantry.docker;

import java.util.List;

/**
 * The end of a container's log as the engine keeps it, read after the container stopped. The
 * engine's follow stream may end before the last message: Docker drops a last piece of output
 * that has no newline when the follower was waiting for it (moby/moby#43860), so the run reads
 * what came after the last message the follow stream delivered.
 */
@FunctionalInterface
interface LogTail {

  /** The messages after {@code lastSeen} (all of them when it is null), oldest first. */
  List<LogMessage> after(LogMessage lastSeen);

  /**
   * The messages of {@code window} (the log's last messages) after {@code lastSeen}; null when
   * the window does not reach back to it. The last match counts: the same stream, nanosecond and
   * bytes twice is not something an engine produces.
   */
  static List<LogMessage> after(List<LogMessage> window, LogMessage lastSeen, boolean wholeLog) {
    if (lastSeen == null) {
      return wholeLog ? window : null;
    }
    for (int i = window.size() - 1; i >= 0; i--) {
      if (window.get(i).sameAs(lastSeen)) {
        return window.subList(i + 1, window.size());
      }
    }
    return wholeLog ? List.of() : null;
  }
}
