package dev.gantry.store;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The thread that sends notices off the callers' threads, coalescing what is asked while a send
 * is under way into the next send (used by {@link WorkNotices} and {@link LogNotices}).
 *
 * <p>What is pending belongs to the owner; it records it through {@link #request} and hands it
 * over whole through {@code take}, both under this sender's lock.
 *
 * @param <B> what one send carries
 */
final class NoticeSender<B> implements AutoCloseable {

  private final Supplier<B> take;
  private final Consumer<B> send;
  private final Object lock = new Object();
  private final Thread thread;
  private boolean closed;

  /**
   * {@code take} returns all that is pending and forgets it, or null when nothing is; {@code send}
   * sends that and must not throw.
   */
  NoticeSender(String threadName, Supplier<B> take, Consumer<B> send) {
    this.take = take;
    this.send = send;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Runs {@code record} (which adds to what is pending) under the lock and wakes the sender; returns at once. */
  void request(Runnable record) {
    synchronized (lock) {
      record.run();
      lock.notifyAll();
    }
  }

  private void run() {
    while (true) {
      B batch;
      synchronized (lock) {
        while (true) {
          if (closed) {
            return;
          }
          batch = take.get();
          if (batch != null) {
            break;
          }
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return; // only close() interrupts
          }
        }
      }
      send.accept(batch);
    }
  }

  /** Stops the sender; what is still pending is dropped. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    thread.interrupt();
  }
}
