package dev.gantry.server.hades;

import dev.gantry.core.spec.SpecNode;
import java.util.List;

/**
 * Hades' three queue levels: a {@code priority} of 3 or more is high, 2 medium, 1 or less low,
 * absent high (Hades' default). A job keeps its level (3, 2 or 1), so that queue priority, once the
 * claim honours it, orders high before medium before low as Hades does.
 */
final class HadesPriority {

  static final int HIGH = 3;
  static final int MEDIUM = 2;
  static final int LOW = 1;

  private HadesPriority() {}

  /** The job's level; when the request set one, {@code warnings} gets a note that it does not order the queue yet. */
  static int level(SpecNode job, List<String> warnings) {
    Long priority = HadesJobReader.wholeNumber(job, "priority");
    if (priority == null) {
      return HIGH;
    }
    warnings.add("priority: kept, but it does not order Gantry's queue yet: jobs start in the order they were submitted");
    return priority >= HIGH ? HIGH : priority == MEDIUM ? MEDIUM : LOW;
  }
}
