package dev.gantry.store;

/**
 * Sends the "work queued" notification off the submitter's thread, one for many submits. A
 * notification costs a transaction, and PostgreSQL commits notifying transactions one at a time:
 * sent by every submit, they would queue the submits behind each other. The notification carries
 * nothing but "look again", so any number of requests made while one is being sent are answered
 * by the next one. Runs on a thread of its own.
 */
final class WorkNotices implements AutoCloseable {

  private final NoticeSender<Boolean> sender;
  private boolean wanted; // guarded by the sender's lock

  /** {@code send} sends one notification and must not throw. */
  WorkNotices(Runnable send) {
    this.sender = new NoticeSender<>("gantry-work-notices", this::take, wanted -> send.run());
  }

  void start() {
    sender.start();
  }

  /** Asks for a notification sent after this call; returns at once. */
  void request() {
    sender.request(() -> wanted = true);
  }

  private Boolean take() {
    if (!wanted) {
      return null;
    }
    wanted = false;
    return Boolean.TRUE;
  }

  /** Stops the sender; a notification still wanted is dropped (workers poll). */
  @Override
  public void close() {
    sender.close();
  }
}
