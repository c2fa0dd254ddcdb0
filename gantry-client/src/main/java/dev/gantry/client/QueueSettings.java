package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A change of a queue's settings (needs admin): what is null stays as it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueSettings(Integer priority, Integer maxConcurrency, Boolean enabled) {

  /** No change; add what to change with the {@code with} methods. */
  public static QueueSettings unchanged() {
    return new QueueSettings(null, null, null);
  }

  /** 1 to 1000; the lower runs first. */
  public QueueSettings withPriority(int priority) {
    return new QueueSettings(priority, maxConcurrency, enabled);
  }

  /** At most this many runs of the queue at once on all workers; 0: no limit. */
  public QueueSettings withMaxConcurrency(int maxConcurrency) {
    return new QueueSettings(priority, maxConcurrency, enabled);
  }

  /** Whether workers take the queue's runs. */
  public QueueSettings withEnabled(boolean enabled) {
    return new QueueSettings(priority, maxConcurrency, enabled);
  }
}
