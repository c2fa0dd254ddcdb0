package dev.gantry.core.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test hook for the crash tests: a process started with the system property {@value #PROPERTY}
 * set to a point's name halts there as a kill -9 would (no shutdown hook, no finally), so that a
 * test hits an exact window instead of timing a kill. Off unless the property is set; only whoever
 * starts the JVM can set it.
 */
final class CrashPoint {

  static final String PROPERTY = "gantry.test.crash-at";
  /** A run's last container has exited and its outcome is known, not yet stored (nor its last log lines, maybe). */
  static final String BEFORE_OUTCOME_STORED = "before-outcome-stored";

  /** A run's outcome is stored; its ended containers are not yet removed. */
  static final String AFTER_OUTCOME_STORED = "after-outcome-stored";

  private static final Logger log = LoggerFactory.getLogger(CrashPoint.class);

  private CrashPoint() {}

  static void reached(String point, String runId) {
    if (point.equals(System.getProperty(PROPERTY))) {
      log.warn("crash point {} reached by task run {}: halting as a kill -9 would", point, runId);
      Runtime.getRuntime().halt(137);
    }
  }
}
