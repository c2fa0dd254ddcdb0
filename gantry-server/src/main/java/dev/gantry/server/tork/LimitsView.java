package dev.gantry.server.tork;

import dev.gantry.core.spec.Limits;
import java.math.BigDecimal;

/** Tork's {@code limits}, as strings the way a job writes them ({@code cpus: ".5"}, {@code memory: "10m"}). */
record LimitsView(String cpus, String memory) {

  /** Null when the task has no limits, so that the field is left out. */
  static LimitsView of(Limits limits) {
    if (limits.cpus() == null && limits.memoryBytes() == null) {
      return null;
    }
    return new LimitsView(limits.cpus() == null ? null : BigDecimal.valueOf(limits.cpus()).stripTrailingZeros().toPlainString(),
        limits.memoryBytes() == null ? null : size(limits.memoryBytes()));
  }

  /** The largest whole unit: 10485760 is {@code 10m}; sizes that are no whole unit stay in bytes. */
  private static String size(long bytes) {
    String[] units = {"t", "g", "m", "k"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (4 - i));
      if (bytes >= unit && bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return Long.toString(bytes);
  }
}
