package dev.gantry.cli;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** What a node reports about the machine it runs on. */
final class ThisMachine {

  private ThisMachine() {}

  /** The host name, as the operator knows the machine; never throws. */
  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String fromEnv = System.getenv("HOSTNAME");
      return fromEnv == null || fromEnv.isBlank() ? "unknown" : fromEnv;
    }
  }

  /** The whole machine's recent CPU use in percent (0 when the JVM cannot tell). */
  static double cpuPercent() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getCpuLoad();
      return load < 0 ? 0 : Math.round(load * 1000) / 10.0;
    }
    return 0;
  }
}
