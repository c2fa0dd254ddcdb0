package dev.gantry.docker;

import java.util.Locale;

/** When the runtime pulls a task's image before running it. */
public enum PullPolicy {
  /** Pull before every run; a failed pull fails the run even if a local copy exists. */
  ALWAYS,
  /** Use the local image; pull only when it is missing. */
  IF_NOT_PRESENT,
  /** Never pull: a missing image fails the run. */
  NEVER;

  /** Reads {@code always}, {@code if-not-present} / {@code IF_NOT_PRESENT}, {@code never}, in any case. */
  public static PullPolicy parse(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (PullPolicy policy : values()) {
      if (policy.name().equals(name)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("pull policy '" + text + "' is not one of always, if-not-present, never");
  }
}
