package dev.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine the figures were measured on: a ratio means little without it. */
record Machine(int cores, long memoryBytes, String cpu, String os, String java, String docker) {

  static Machine describe(String dockerVersion) {
    return new Machine(Runtime.getRuntime().availableProcessors(), memTotal(), cpuModel(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), dockerVersion);
  }

  String summary() {
    return String.format("%d cores, %.1f GiB memory, %s; %s; %s; docker %s", cores, memoryBytes / (double) (1L << 30), cpu,
        os, java, docker);
  }

  /** The 1-, 5- and 15-minute load averages now: other work on the machine skews every figure. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static long memTotal() {
    return meminfo().stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
        .map(l -> Long.parseLong(l.replaceAll("\\D+", "")) * 1024).orElse(-1L);
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown cpu");
    } catch (IOException e) {
      return "unknown cpu";
    }
  }

  private static List<String> meminfo() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo"));
    } catch (IOException e) {
      return List.of();
    }
  }
}
