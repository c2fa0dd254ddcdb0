package dev.gantry.server;

import dev.gantry.core.spec.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the requests rejected as malformed HTTP (URI or headers too large, a bad request line, two
 * Host headers) so that a client sending many cannot flood the log: each is a DEBUG line, and at
 * most one INFO line per {@code every} says how many there were. They are the client's doing, so
 * never WARN. (Jetty's own parser warnings about them are turned down where logging is set up.)
 */
final class MalformedRequestLog {

  static final Duration EVERY = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(MalformedRequestLog.class);

  private final Clock clock;
  private final Duration every;
  private Instant nextSummary = Instant.MIN;
  private long unreported;

  MalformedRequestLog(Clock clock, Duration every) {
    this.clock = clock;
    this.every = every;
  }

  synchronized void rejected(int status, String jettysReason) {
    String reason = jettysReason == null ? HttpStatus.getMessage(status) : jettysReason;
    log.debug("rejected a malformed request: {} {}", status, reason);
    unreported++;
    Instant now = clock.instant();
    if (!now.isBefore(nextSummary)) {
      log.info("rejected {} malformed HTTP request{} (the latest: {} {}); such rejections are summed up here at most once"
          + " every {}, and each is logged at DEBUG", unreported, unreported == 1 ? "" : "s", status, reason, Durations.format(every));
      unreported = 0;
      nextSummary = now.plus(every);
    }
  }
}
