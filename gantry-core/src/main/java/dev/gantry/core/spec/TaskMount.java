package dev.gantry.core.spec;

import java.util.Locale;

/**
 * A mount of a task's container (Tork's {@code mounts}). {@code VOLUME}: a temporary volume made for
 * the task's execution and removed with it ({@code source} unused); {@code TMPFS}: memory-backed,
 * gone with the container; {@code BIND}: the host path {@code source}, only where the operator
 * allows it ({@link HostAccessPolicy}).
 */
public record TaskMount(Type type, String source, String target, boolean readonly) {

  /** The kinds of mount, spelled as Tork spells them. */
  public enum Type {
    VOLUME, BIND, TMPFS;

    public String spelling() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the kinds there are */
    public static Type parse(String text) {
      for (Type type : values()) {
        if (type.spelling().equals(text)) {
          return type;
        }
      }
      throw new IllegalArgumentException("'" + Echo.of(text) + "' is not a mount type (volume, bind or tmpfs)");
    }
  }

  /** Tork's older {@code volumes: [/data]} spelling: a temporary volume at {@code target}. */
  public static TaskMount volume(String target) {
    return new TaskMount(Type.VOLUME, null, target, false);
  }
}
