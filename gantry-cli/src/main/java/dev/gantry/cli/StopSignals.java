package dev.gantry.cli;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGINT (Ctrl-C) and SIGTERM: the first one stops the process as the JVM's own handler would
 * (the shutdown hook closes Gantry, letting running tasks finish for --shutdown-grace); a second
 * one, while that stop waits, runs {@code hurry} to hand the running tasks back at once. The
 * JVM's handler ignores every signal after the first, which left an operator nothing but kill -9.
 */
final class StopSignals {

  private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

  private StopSignals() {}

  static void install(Runnable hurry) {
    AtomicInteger received = new AtomicInteger();
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        handle(name, received, hurry);
      } catch (IllegalArgumentException e) {
        // -Xrs: the JVM keeps its hands off signals, and so does Gantry; the first stop is the only one.
        log.debug("SIG{} stays the JVM's: {}", name, e.getMessage());
      }
    }
  }

  private static void handle(String name, AtomicInteger received, Runnable hurry) {
    Signal.handle(new Signal(name), signal -> {
      if (received.incrementAndGet() == 1) {
        // Exit from a thread of its own, as the JVM's handler does: the hooks run while this returns.
        Thread exit = new Thread(() -> System.exit(128 + signal.getNumber()), "gantry-stop");
        exit.start();
      } else {
        log.info("SIG{} again: stopping now", signal.getName());
        Thread now = new Thread(hurry, "gantry-stop-now");
        now.start();
      }
    });
  }
}
