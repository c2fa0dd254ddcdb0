package dev.gantry.core.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a task's attachments obey whichever dialect they came in (what the operator allows of
 * the host is {@link HostAccessPolicy}'s). Errors name the field ({@code tasks[0].mounts[1].target}).
 */
final class AttachmentRules {

  static final int MAX_MOUNTS = 16;
  static final int MAX_NETWORKS = 8;
  static final int MAX_SIDECARS = 8;
  private static final int MAX_PATH = 1024;
  /** Paths a mount may not cover: the job's workspace and where Gantry puts a task's script and result. */
  private static final List<String> RESERVED = List.of("/shared", "/gantry");
  private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  /** A sidecar's name is its host name on the run's network. */
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]{0,511}");
  private static final Set<String> NETWORK_MODES = Set.of("host", "none", "bridge", "default");

  private AttachmentRules() {}

  static void check(String at, TaskSpec task) {
    TaskAttachments attachments = task.attachments();
    mounts(at + ".mounts", attachments.mounts());
    networks(at, task, attachments.networks());
    registry(at + ".registry", attachments.registry());
    if (attachments.gpus() != null) {
      try {
        GpuRequest.parse(attachments.gpus());
      } catch (IllegalArgumentException e) {
        throw new InvalidJobException(at + ".gpus", e.getMessage());
      }
    }
    sidecars(at, task, attachments.sidecars());
  }

  static void atMost(String at, int count, int max, String what) {
    if (count > max) {
      throw new InvalidJobException(at, "at most " + max + " " + what + " are allowed, not " + count);
    }
  }

  private static void mounts(String at, List<TaskMount> mounts) {
    atMost(at, mounts.size(), MAX_MOUNTS, "mounts");
    Set<String> targets = new HashSet<>();
    for (int i = 0; i < mounts.size(); i++) {
      TaskMount mount = mounts.get(i);
      String here = at + "[" + i + "]";
      absolutePath(here + ".target", mount.target());
      String target = trimmed(mount.target());
      for (String reserved : RESERVED) {
        if (target.equals(reserved) || target.startsWith(reserved + "/") || target.equals("/")) {
          throw new InvalidJobException(here + ".target", "'" + Echo.of(mount.target()) + "' would cover " + reserved
              + ", which Gantry mounts itself");
        }
      }
      if (!targets.add(target)) {
        throw new InvalidJobException(here + ".target", "'" + Echo.of(mount.target()) + "' is mounted twice");
      }
      if (mount.type() == TaskMount.Type.BIND) {
        absolutePath(here + ".source", mount.source());
      } else if (mount.source() != null && !mount.source().isEmpty()) {
        throw new InvalidJobException(here + ".source", "a " + mount.type().spelling()
            + " mount is made for the task and removed with it: it takes no source");
      }
    }
  }

  private static void networks(String at, TaskSpec task, List<String> networks) {
    atMost(at + ".networks", networks.size(), MAX_NETWORKS, "networks");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < networks.size(); i++) {
      String network = networks.get(i);
      String here = at + ".networks[" + i + "]";
      if (!NETWORK.matcher(network).matches()) {
        throw new InvalidJobException(here, "'" + Echo.of(network) + "' is not a valid network name");
      }
      if (NETWORK_MODES.contains(network.toLowerCase(Locale.ROOT))) {
        throw new InvalidJobException(here, "'" + network + "' is a network mode, not a network to join: use network: "
            + network);
      }
      if (!seen.add(network)) {
        throw new InvalidJobException(here, "'" + network + "' is listed twice");
      }
    }
    if (!networks.isEmpty() && isolated(task.network())) {
      throw new InvalidJobException(at + ".networks", "cannot be joined by a task with network: " + task.network());
    }
  }

  /** A task's or a sidecar's registry credentials (null: none). */
  private static void registry(String at, RegistryAuth registry) {
    if (registry == null) {
      return;
    }
    text(at + ".username", registry.username(), 256);
    if (registry.password() == null || registry.password().isEmpty()) {
      throw new InvalidJobException(at + ".password", "is required");
    }
    noNul(at + ".password", registry.password());
  }

  private static void sidecars(String at, TaskSpec task, List<Sidecar> sidecars) {
    atMost(at + ".sidecars", sidecars.size(), MAX_SIDECARS, "sidecars");
    if (!sidecars.isEmpty() && isolated(task.network())) {
      throw new InvalidJobException(at + ".sidecars", "need a network the task shares with them: not network: "
          + task.network());
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < sidecars.size(); i++) {
      Sidecar sidecar = sidecars.get(i);
      String here = at + ".sidecars[" + i + "]";
      if (sidecar.name() == null || !HOST_NAME.matcher(sidecar.name()).matches()) {
        throw new InvalidJobException(here + ".name", "must be a host name: 1 to 63 letters, digits or '-'");
      }
      if (!names.add(sidecar.name().toLowerCase(Locale.ROOT))) {
        throw new InvalidJobException(here + ".name", "'" + sidecar.name() + "' is used by another sidecar");
      }
      if (sidecar.image() == null || !IMAGE.matcher(sidecar.image()).matches()) {
        throw new InvalidJobException(here + ".image", "is not a valid image reference");
      }
      noNul(here + ".run", sidecar.run());
      for (int j = 0; j < sidecar.cmd().size(); j++) {
        noNul(here + ".cmd[" + j + "]", sidecar.cmd().get(j));
      }
      for (int j = 0; j < sidecar.entrypoint().size(); j++) {
        noNul(here + ".entrypoint[" + j + "]", sidecar.entrypoint().get(j));
      }
      probe(here + ".probe", sidecar.probe());
      registry(here + ".registry", sidecar.registry());
      atMost(here + ".env", sidecar.env().size(), JobSpecValidator.MAX_ENV, "environment variables");
      sidecar.env().forEach((name, value) -> {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,255}")) {
          throw new InvalidJobException(here + ".env." + Echo.of(name), "is not a valid environment variable name");
        }
        noNul(here + ".env." + name, value);
      });
    }
  }

  private static void probe(String at, SidecarProbe probe) {
    if (probe == null) {
      return;
    }
    if (probe.port() < 1 || probe.port() > 65535) {
      throw new InvalidJobException(at + ".port", "must be between 1 and 65535");
    }
    String path = probe.path();
    if (!path.startsWith("/") || path.length() > MAX_PATH || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new InvalidJobException(at + ".path", "must start with '/', without spaces or control characters, at most "
          + MAX_PATH + " characters");
    }
    if (probe.timeout().isZero() || probe.timeout().isNegative() || probe.timeout().compareTo(SidecarProbe.MAX_TIMEOUT) > 0) {
      throw new InvalidJobException(at + ".timeout", "must be more than 0 and at most "
          + Durations.format(SidecarProbe.MAX_TIMEOUT));
    }
  }

  /** Network modes in which the container has no network of its own to share or extend. */
  private static boolean isolated(String network) {
    if (network == null) {
      return false;
    }
    String mode = network.toLowerCase(Locale.ROOT);
    return mode.equals("none") || mode.equals("host") || mode.startsWith("container:");
  }

  /** Absolute, without {@code ..} or {@code .} segments, ':' (Docker's volume syntax) or NUL. */
  private static void absolutePath(String at, String path) {
    if (path == null || path.isBlank()) {
      throw new InvalidJobException(at, "is required");
    }
    if (path.length() > MAX_PATH) {
      throw new InvalidJobException(at, "is longer than " + MAX_PATH + " characters");
    }
    if (!path.startsWith("/")) {
      throw new InvalidJobException(at, "'" + Echo.of(path) + "' must be an absolute path");
    }
    for (String segment : path.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new InvalidJobException(at, "'" + Echo.of(path) + "' must not contain '.' or '..' segments");
      }
    }
    if (path.indexOf('\0') >= 0 || path.indexOf(':') >= 0 || path.indexOf(',') >= 0) {
      throw new InvalidJobException(at, "must not contain ':', ',' or NUL");
    }
  }

  static String trimmed(String path) {
    String p = path.replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private static void text(String at, String text, int max) {
    if (text == null || text.isBlank()) {
      throw new InvalidJobException(at, "is required");
    }
    if (text.length() > max) {
      throw new InvalidJobException(at, "is longer than " + max + " characters");
    }
    noNul(at, text);
  }

  private static void noNul(String at, String text) {
    if (text != null && text.indexOf('\0') >= 0) {
      throw new InvalidJobException(at, "must not contain a NUL character (U+0000)");
    }
  }
}
