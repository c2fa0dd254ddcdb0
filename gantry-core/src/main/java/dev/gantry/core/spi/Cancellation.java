package dev.gantry.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A one-shot signal to stop a running task, with why. A listener added after it fired runs at once. */
public final class Cancellation {

  /** Why a task is being stopped. */
  public enum Reason { CANCELLED, TIMED_OUT, SHUTDOWN, LEASE_LOST }

  private Reason reason;
  private final List<Runnable> listeners = new ArrayList<>();

  public void cancel(Reason why) {
    List<Runnable> toRun;
    synchronized (this) {
      if (reason != null) {
        return;
      }
      reason = why;
      toRun = List.copyOf(listeners);
      listeners.clear();
    }
    toRun.forEach(Runnable::run);
  }

  public synchronized Optional<Reason> reason() {
    return Optional.ofNullable(reason);
  }

  public synchronized boolean isCancelled() {
    return reason != null;
  }

  public void onCancel(Runnable listener) {
    synchronized (this) {
      if (reason == null) {
        listeners.add(listener);
        return;
      }
    }
    listener.run();
  }
}
