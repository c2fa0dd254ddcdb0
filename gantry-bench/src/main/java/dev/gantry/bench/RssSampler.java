package dev.gantry.bench;

/** Samples a server's resident memory every 100 ms on a thread of its own and keeps the highest. */
final class RssSampler {

  private final Thread thread;
  private volatile boolean running = true;
  private volatile long highest;

  RssSampler(ServerProcess server) {
    thread = new Thread(() -> {
      while (running) {
        highest = Math.max(highest, server.rssBytes());
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-rss-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops sampling; returns the highest RSS seen, in bytes. */
  long stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join();
    return highest;
  }
}
