package dev.gantry.core.cluster;

/** A queue as users see it: its load, how many live workers take work from it, and its settings. */
public record QueueStats(String name, long queued, long running, int subscribers, QueueSettings settings) {

  /** A queue without settings of its own. */
  public QueueStats(String name, long queued, long running, int subscribers) {
    this(name, queued, running, subscribers, QueueSettings.defaults(name));
  }

  public QueueStats withSettings(QueueSettings newSettings) {
    return new QueueStats(name, queued, running, subscribers, newSettings);
  }
}
