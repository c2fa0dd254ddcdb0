package dev.gantry.store;

/**
 * Sends the "work queued" notification off the submitter's thread, one for many submits. A
 * notification costs a transaction, and PostgreSQL commits notifying transactions one at a time:
 * sent by every submit, they would queue the submits behind each other. The notification carries
 * nothing but "look again", so any number of requests made while one is being sent are answered
 * by the next one. Runs on a thread of its own.
 */
final class WorkNotices implements AutoCloseable {

  private final Runnable send;
  private final Object lock = new Object();
  private final Thread sender;
  private boolean wanted;
  private boolean closed;

  /** {@code send} sends one notification and must not throw. */
  WorkNotices(Runnable send) {
    this.send = send;
    this.sender = new Thread(this::run, "gantry-work-notices");
    sender.setDaemon(true);
  }

  void start() {
    sender.start();
  }

  /** Asks for a notification sent after this call; returns at once. */
  void request() {
    synchronized (lock) {
      wanted = true;
      lock.notifyAll();
    }
  }

  private void run() {
    while (true) {
      synchronized (lock) {
        while (!wanted && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return; // only close() interrupts
          }
        }
        if (closed) {
          return;
        }
        wanted = false;
      }
      send.run();
    }
  }

  /** Stops the sender; a notification still wanted is dropped (workers poll). */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    sender.interrupt();
  }
}
