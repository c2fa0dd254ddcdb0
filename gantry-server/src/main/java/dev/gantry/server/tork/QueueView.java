package dev.gantry.server.tork;

import dev.gantry.core.cluster.QueueStats;

/**
 * A queue as Tork shows it: {@code size} runs wait in it, {@code unacked} are being run, and
 * {@code subscribers} live workers take work from it.
 */
record QueueView(String name, long size, int subscribers, long unacked) {

  static QueueView of(QueueStats queue) {
    return new QueueView(queue.name(), queue.queued(), queue.subscribers(), queue.running());
  }
}
