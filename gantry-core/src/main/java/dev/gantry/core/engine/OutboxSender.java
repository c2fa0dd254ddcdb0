package dev.gantry.core.engine;

import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.OutboxSettings;
import dev.gantry.core.spi.DeliveryTransport;
import dev.gantry.core.spi.DeliveryTransport.Attempt;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: each round claims due calls (the store gives each to one sender, however
 * many servers run one) and makes an attempt at each, a few at once. A failed attempt is
 * retried after a growing pause until the settings' bounds, then the call is marked FAILED with
 * its reason (shown with the job). A sender that dies holding calls loses none: their lease runs
 * out and another round claims them again, so a call may arrive twice, with the same id.
 */
public final class OutboxSender implements Runnable, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
  /** Calls claimed per round at most. */
  static final int BATCH = 16;
  /** Attempts under way at once: a call is claimed only when a sender is idle to make its attempt. */
  static final int PARALLEL = 8;

  private final Store store;
  private final DeliveryTransport transport;
  private final OutboxSettings settings;
  private final Clock clock;
  private final ExecutorService senders = Executors.newFixedThreadPool(PARALLEL, Threads.named("gantry-outbox"));
  private final Semaphore idleSenders = new Semaphore(PARALLEL);

  public OutboxSender(Store store, DeliveryTransport transport, OutboxSettings settings, Clock clock) {
    this.store = store;
    this.transport = transport;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * One round: claims as many due calls as there are idle senders and starts their attempts; it
   * does not wait for them, so a receiver that does not answer holds up only its own call.
   */
  @Override
  public void run() {
    int idle = Math.min(BATCH, idleSenders.availablePermits());
    if (idle == 0) {
      return;
    }
    Instant now = clock.instant();
    for (Delivery delivery : store.claimDeliveries(now, now.plus(settings.lease()), idle)) {
      idleSenders.acquireUninterruptibly();
      try {
        senders.execute(() -> {
          try {
            attempt(delivery);
          } catch (RuntimeException e) {
            // The outcome was not stored: the call's lease runs out and it is claimed again.
            log.warn("the outcome of outgoing call {} could not be stored: {}", delivery.id(), e.toString());
          } finally {
            idleSenders.release();
          }
        });
      } catch (RejectedExecutionException stopping) {
        idleSenders.release(); // closing: the call's lease runs out and a sender claims it again
      }
    }
  }

  private void attempt(Delivery delivery) {
    Attempt attempt;
    try {
      attempt = transport.send(delivery);
    } catch (RuntimeException e) {
      attempt = Attempt.failed(e.toString());
    }
    Delivery after = outcome(delivery, attempt, clock.instant());
    if (!store.finishDelivery(after)) {
      log.info("outgoing call {} of job {} was claimed again meanwhile; its outcome is the new claim's", delivery.id(),
          delivery.jobId());
      return;
    }
    switch (after.state()) {
      case DELIVERED -> log.debug("outgoing call {} ({} of job {}) delivered (attempt {})", after.id(), after.event(),
          after.jobId(), after.attempts());
      case FAILED -> log.warn("outgoing call {} ({} of job {}) failed for good after {} attempt(s): {}", after.id(),
          after.event(), after.jobId(), after.attempts(), after.lastError());
      case PENDING -> log.info("outgoing call {} ({} of job {}) failed (attempt {}: {}); next attempt at {}", after.id(),
          after.event(), after.jobId(), after.attempts(), after.lastError(), after.nextAttemptAt());
    }
  }

  /** What becomes of {@code delivery} after {@code attempt} ended at {@code now}: the retry rule, in one place. */
  Delivery outcome(Delivery delivery, Attempt attempt, Instant now) {
    if (attempt.delivered()) {
      return delivery.delivered(now);
    }
    if (!attempt.retry()) {
      return delivery.failed(attempt.reason());
    }
    if (delivery.attempts() >= settings.maxAttempts()) {
      return delivery.failed("gave up after " + delivery.attempts() + " attempts: " + attempt.reason());
    }
    Instant next = now.plus(settings.pauseAfter(delivery.attempts()));
    if (next.isAfter(delivery.createdAt().plus(settings.maxAge()))) {
      return delivery.failed("gave up after " + delivery.attempts() + " attempts over " + settings.maxAge() + ": "
          + attempt.reason());
    }
    return delivery.retryAt(next, attempt.reason());
  }

  @Override
  public void close() {
    senders.shutdownNow();
  }
}
