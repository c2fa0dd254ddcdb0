package dev.gantry.client;

import java.util.Set;

/** The native API's state names the client reasons about. */
final class JobStates {

  /** A job or task run in one of these will not change again (unless the job is restarted). */
  static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED", "SKIPPED");

  private JobStates() {}
}
