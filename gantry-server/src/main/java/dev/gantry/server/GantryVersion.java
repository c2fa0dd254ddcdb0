package dev.gantry.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The running Gantry version, written into a resource by the build. */
public final class GantryVersion {

  private static final String VERSION = load();

  private GantryVersion() {}

  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = GantryVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isBlank() && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through: a missing version is not worth failing start-up for
    }
    return "unknown";
  }
}
