package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A change of a queue's settings (needs admin): what is null stays as it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueSettings(Integer priority, Integer maxConcurrency, Boolean enabled) {

  /** No change; add what to change with the {@code with} methods. */
  public static QueueSettings unchanged() {
    return new QueueSettings(null, null, null);
  }

  public QueueSettings withPriority(int priority) {
    return new QueueSettings(priority, maxConcurrency, enabled);
  }

  public QueueSettings withMaxConcurrency(int maxConcurrency) {
    return new QueueSettings(priority, maxConcurrency, enabled);
  }

  public QueueSettings withEnabled(boolean enabled) {
    return new QueueSettings(priority, maxConcurrency, enabled);
  }
}
