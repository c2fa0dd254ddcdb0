package dev.gantry.server.tork;

import dev.gantry.core.cluster.QueueStats;

/**
 * A queue as Tork shows it: {@code size} runs wait in it, {@code unacked} are being run, and
 * {@code subscribers} live workers take work from it; then Gantry's settings of it ({@code
 * priority} 1 to 1000, the lower first; {@code maxConcurrency}, 0 for no limit; {@code enabled}).
 */
record QueueView(String name, long size, int subscribers, long unacked, int priority, int maxConcurrency,
    boolean enabled) {

  static QueueView of(QueueStats queue) {
    return new QueueView(queue.name(), queue.queued(), queue.subscribers(), queue.running(), queue.settings().priority(),
        queue.settings().maxConcurrency(), queue.settings().enabled());
  }
}
