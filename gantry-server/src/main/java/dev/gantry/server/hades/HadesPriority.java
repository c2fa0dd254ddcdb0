package dev.gantry.server.hades;

import dev.gantry.core.spec.SpecNode;

/**
 * Hades' three queue levels: a {@code priority} of 3 or more is high, 2 medium, 1 or less low,
 * absent high (Hades' default). A job's runs wait with its level (3, 2 or 1) as their priority, so
 * that the claim takes high before medium before low within a queue, as Hades does.
 */
final class HadesPriority {

  static final int HIGH = 3;
  static final int MEDIUM = 2;
  static final int LOW = 1;

  private HadesPriority() {}

  /** The job's level. */
  static int level(SpecNode job) {
    Long priority = HadesJobReader.wholeNumber(job, "priority");
    if (priority == null) {
      return HIGH;
    }
    return priority >= HIGH ? HIGH : priority == MEDIUM ? MEDIUM : LOW;
  }
}
