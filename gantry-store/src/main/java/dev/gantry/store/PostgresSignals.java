package dev.gantry.store;

import dev.gantry.core.engine.LocalSignals;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.spi.Signals;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals between processes sharing a PostgreSQL database, over LISTEN/NOTIFY: work queued, jobs
 * cancelled and jobs ended reach every Gantry process at once. Each signal is delivered in this
 * process first (as {@link LocalSignals} does), then sent; a process ignores the echo of its own.
 * Work notifications are sent by {@link WorkNotices}, one for many submits.
 *
 * <p>New log parts are delivered in the writing process with their contents, then announced to
 * the others by {@link LogNotices} ({@code job id:part id} on {@value #LOG}, after the part's
 * commit, coalesced); this hands what it hears on to the log followers, which read the parts from
 * the store: the database stays the source of truth, and a notice is small whatever the part.
 *
 * <p>One connection of its own listens; when it drops (a database restart), it reconnects with
 * backoff, and meanwhile workers and log followers poll; once back, it tells them that they may
 * have missed signals. A lost notification only delays: nothing depends on one.
 */
public final class PostgresSignals implements Signals {

  private static final Logger log = LoggerFactory.getLogger(PostgresSignals.class);
  static final String WORK = "gantry_work";
  static final String CANCEL = "gantry_cancel";
  static final String ENDED = "gantry_ended";
  static final String LOG = "gantry_log";
  /** The listening session's name in pg_stat_activity, for an operator (or a test) to find it. */
  public static final String APPLICATION_NAME = "gantry-notifications";
  private static final int WAIT_MILLIS = 500;
  private static final Duration CHECK_EVERY = Duration.ofSeconds(10);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final LocalSignals local = new LocalSignals();
  private final StoreSettings settings;
  private final JdbcStore store;
  /** Tells this process's notifications from the others'. */
  private final String origin = UUID.randomUUID().toString().substring(0, 8);
  private final Thread listener;
  private final WorkNotices workNotices;
  private final LogNotices logNotices;
  private volatile boolean closed;

  private PostgresSignals(StoreSettings settings, JdbcStore store) {
    this.settings = settings;
    this.store = store;
    this.listener = new Thread(this::listen, "gantry-notifications");
    listener.setDaemon(true);
    this.workNotices = new WorkNotices(() -> send(WORK, ""));
    this.logNotices = new LogNotices(this::sendLogNotices);
  }

  /** Starts listening on the database of {@code settings}; sends through {@code store}'s connections. */
  public static PostgresSignals start(StoreSettings settings, JdbcStore store) {
    PostgresSignals signals = new PostgresSignals(settings, store);
    signals.listener.start();
    signals.workNotices.start();
    signals.logNotices.start();
    return signals;
  }

  @Override
  public void workQueued() {
    local.workQueued();
    workNotices.request();
  }

  @Override
  public void awaitWork(Duration timeout) throws InterruptedException {
    local.awaitWork(timeout);
  }

  @Override
  public void jobCancelled(String jobId) {
    local.jobCancelled(jobId);
    send(CANCEL, jobId);
  }

  @Override
  public void onJobCancelled(Consumer<String> listener) {
    local.onJobCancelled(listener);
  }

  @Override
  public void jobEnded(String jobId) {
    local.jobEnded(jobId);
    send(ENDED, jobId);
  }

  @Override
  public void onJobEnded(Consumer<String> listener) {
    local.onJobEnded(listener);
  }

  @Override
  public void logAppended(LogPart part) {
    local.logAppended(part);
    logNotices.announce(part.jobId(), part.id());
  }

  @Override
  public void onLogAppended(Consumer<LogPart> listener) {
    local.onLogAppended(listener);
  }

  @Override
  public void onLogStoredElsewhere(ObjLongConsumer<String> listener) {
    local.onLogStoredElsewhere(listener);
  }

  @Override
  public void onSignalsMissed(Runnable listener) {
    local.onSignalsMissed(listener);
  }

  @Override
  public boolean reachesOtherProcesses() {
    return true;
  }

  /** Never throws: the change it announces is already stored, and polling covers a lost signal. */
  private void send(String channel, String subject) {
    try {
      store.sendNotification(channel, origin + ":" + subject);
    } catch (RuntimeException e) {
      log.debug("could not send {} {}: {}", channel, subject, e.getMessage());
    }
  }

  /** Never throws, as {@link #send}; the payloads carry no origin: the followers here have those parts already. */
  private void sendLogNotices(List<String> payloads) {
    try {
      store.sendNotifications(LOG, payloads);
    } catch (RuntimeException e) {
      log.debug("could not announce {} log parts: {}", payloads.size(), e.getMessage());
    }
  }

  private void listen() {
    Duration backoff = FIRST_BACKOFF;
    boolean lost = false;
    while (!closed) {
      try (Connection connection = SessionConnection.open(settings, APPLICATION_NAME)) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("listen " + WORK + "; listen " + CANCEL + "; listen " + ENDED + "; listen " + LOG);
        }
        if (lost) {
          log.info("listening for notifications again");
          lost = false;
        }
        local.workQueued(); // what was queued while nobody listened
        local.signalsMissed(); // and what was stored or ended meanwhile
        backoff = FIRST_BACKOFF;
        receive(connection);
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        if (!lost) {
          log.warn("lost the notification connection; workers and log followers poll until it is back: {}", e.getMessage());
          lost = true;
        }
        if (!pause(backoff)) {
          return;
        }
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  /** Delivers notifications until the connection fails or this closes. */
  private void receive(Connection connection) throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    long lastHeard = System.nanoTime();
    while (!closed) {
      PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
      if (notifications != null && notifications.length > 0) {
        lastHeard = System.nanoTime();
        for (PGNotification notification : notifications) {
          deliver(notification.getName(), notification.getParameter());
        }
      } else if (System.nanoTime() - lastHeard > CHECK_EVERY.toNanos()) {
        // A cut connection without a reset never fails a wait; a query finds out.
        if (!SessionConnection.answers(connection)) {
          throw new SQLException("the notification connection does not answer");
        }
        lastHeard = System.nanoTime();
      }
    }
  }

  private void deliver(String channel, String payload) {
    if (channel.equals(LOG)) {
      deliverLogNotice(payload);
      return;
    }
    int colon = payload.indexOf(':');
    if (colon < 0 || payload.substring(0, colon).equals(origin)) {
      return; // ours, delivered here already; or not Gantry's
    }
    String subject = payload.substring(colon + 1);
    switch (channel) {
      case WORK -> local.workQueued();
      case CANCEL -> local.jobCancelled(subject);
      case ENDED -> local.jobEnded(subject);
      default -> log.debug("ignoring a notification on {}", channel);
    }
  }

  /** {@code job id:part id}, as {@link LogNotices} sends it; anything else is not Gantry's. */
  private void deliverLogNotice(String payload) {
    int colon = payload.lastIndexOf(':');
    try {
      local.logStoredElsewhere(payload.substring(0, colon), Long.parseLong(payload.substring(colon + 1)));
    } catch (RuntimeException e) {
      log.debug("ignoring a log notice {}: {}", payload, e.toString());
    }
  }

  private static boolean pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    workNotices.close();
    logNotices.close();
    listener.interrupt();
    try {
      listener.join(WAIT_MILLIS * 4L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
