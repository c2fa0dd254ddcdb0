package dev.gantry.core.cluster;

import java.util.regex.Pattern;

/**
 * The one rule for a queue's name: 1 to 64 letters, digits, '.', '_', '-' or ':' (so that
 * Daestro's {@code project::queue} is a queue's name as written), but not {@code .} or {@code ..}:
 * a name is a path segment of {@code /queues/{name}}.
 */
public final class QueueNames {

  /** What {@link #isWellFormed} accepts, in words, for error messages. */
  public static final String RULE = "1 to 64 letters, digits, '.', '_', ':' or '-', not only dots";

  private static final Pattern NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9_.:-]{1,64}");

  private QueueNames() {}

  public static boolean isWellFormed(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
