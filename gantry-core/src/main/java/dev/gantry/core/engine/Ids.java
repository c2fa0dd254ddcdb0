package dev.gantry.core.engine;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * New ids for jobs, task runs and nodes: 32 hex digits, as Tork writes them. Each is a version 7
 * UUID: the first 12 digits are the time in milliseconds, the rest (but the version and variant
 * bits) random. Time-ordered ids land next to each other in every index keyed by them, so an
 * insert rewrites the newest index page instead of a random one (on H2 every commit writes each
 * page it touched again).
 */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** What any Gantry id (made here or by a dialect, as Hades' UUIDs) may look like: 1 to 64 letters, digits, '-' or '_'. */
  private static final Pattern ANY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final HexFormat HEX = HexFormat.of();

  private Ids() {}

  /** Whether {@code id} could be a Gantry id: one that cannot is unknown without asking the store. */
  public static boolean isWellFormed(String id) {
    return ANY_ID.matcher(id).matches();
  }

  public static String newId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    long millis = System.currentTimeMillis();
    for (int i = 0; i < 6; i++) {
      id[i] = (byte) (millis >>> (40 - 8 * i));
    }
    id[6] = (byte) ((id[6] & 0x0f) | 0x70); // version 7
    id[8] = (byte) ((id[8] & 0x3f) | 0x80); // the IETF variant
    return HEX.formatHex(id);
  }
}
