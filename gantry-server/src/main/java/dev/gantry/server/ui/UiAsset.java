package dev.gantry.server.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** One file of the web UI, read once from the jar: its name under {@code /ui/}, its media type and its bytes. */
record UiAsset(String name, String contentType, byte[] bytes) {

  private static final String ROOT = "/dev/gantry/server/ui/";

  /** The file {@code name} from the jar; its media type follows from its extension. */
  static UiAsset load(String name) {
    try (InputStream in = UiAsset.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("the web UI's file " + name + " is missing from the jar");
      }
      return new UiAsset(name, contentTypeOf(name), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("the web UI's file " + name + " could not be read", e);
    }
  }

  private static String contentTypeOf(String name) {
    String extension = name.substring(name.lastIndexOf('.') + 1);
    return switch (extension) {
      case "html" -> "text/html; charset=utf-8";
      case "js" -> "text/javascript; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "svg" -> "image/svg+xml";
      default -> throw new IllegalArgumentException("the web UI serves no ." + extension + " file: " + name);
    };
  }
}
