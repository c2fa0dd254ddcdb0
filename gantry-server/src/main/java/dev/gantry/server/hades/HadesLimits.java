package dev.gantry.server.hades;

import dev.gantry.core.spec.ByteSize;
import dev.gantry.core.spec.Limits;
import dev.gantry.core.spec.SpecNode;

/**
 * A step's resource limits with Hades 1.0's rules and wording: {@code memory_swap} needs
 * {@code memory_limit} and is at least it, {@code pids_limit} is not negative, and a zero limit
 * means none. Where Gantry took more than Hades does (fractions of cores, units other than M and G,
 * {@code memory_swap: -1}), it still does: each has a plain meaning for Docker.
 */
final class HadesLimits {

  private HadesLimits() {}

  static Limits of(SpecNode step) {
    Double cpus = step.parsed("cpu_limit", HadesLimits::cpus);
    Long memory = step.parsed("memory_limit", text -> size(text, "Failed to parse RAM limit"));
    Long swap = step.parsed("memory_swap", text -> text.trim().equals("-1") ? -1L : size(text, "Failed to parse memory_swap limit"));
    if (swap != null && swap != -1) {
      if (memory == null || memory == 0) {
        throw step.invalid("memory_swap", "memory_swap requires memory_limit to be set");
      }
      if (swap < memory) {
        throw step.invalid("memory_swap", "memory_swap must be greater than or equal to memory_limit");
      }
    }
    Long pids = HadesJobReader.wholeNumber(step, "pids_limit");
    if (pids != null && pids < 0) {
      throw step.invalid("pids_limit", "pids_limit cannot be negative");
    }
    // Hades (and Docker) read 0 as "no limit".
    return new Limits(zeroIsNone(cpus), zeroIsNone(memory), swap, zeroIsNone(pids));
  }

  private static Long size(String text, String hadesMessage) {
    try {
      return ByteSize.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(hadesMessage + ": " + e.getMessage());
    }
  }

  private static Double cpus(String text) {
    try {
      double cpus = Double.parseDouble(text.trim());
      if (cpus < 0 || Double.isNaN(cpus)) {
        throw new NumberFormatException();
      }
      return cpus;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number of CPUs (e.g. 0.5, 2)");
    }
  }

  private static <T extends Number> T zeroIsNone(T limit) {
    return limit == null || limit.doubleValue() == 0 ? null : limit;
  }
}
